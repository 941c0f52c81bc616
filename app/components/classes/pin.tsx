import { useTranslation } from "~/i18n/react";

export interface PinFailureData {
  errors: Record<string, string>;
  retrySeconds?: number;
}

/** The message for a failed PIN, in plain words: how long to wait, or who can help. */
export function PinError({ failure }: { failure?: PinFailureData }) {
  const { t } = useTranslation();
  const form = failure?.errors.form;
  if (!form) return null;
  const wait = failure.retrySeconds ?? 0;
  return (
    <div className="alert alert-error" role="alert">
      <p>
        {form === "pinWait"
          ? wait > 90
            ? t("classes:errors.pinWaitMinutes", { count: Math.ceil(wait / 60) })
            : t("classes:errors.pinWait", { count: wait })
          : t(`classes:errors.${form}`)}
      </p>
      {form === "pinWait" ? <p>{t("classes:errors.pinWaitHelp")}</p> : null}
    </div>
  );
}
