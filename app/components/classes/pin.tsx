import { useTranslation } from "~/i18n/react";

export interface PinFailureData {
  errors: Record<string, string>;
  retrySeconds?: number;
  remaining?: number;
}

/** The message for a failed PIN, in plain words: how long to wait, how many tries are left, who can help. */
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
      {form === "pinBad" && failure.remaining !== undefined && failure.remaining <= 15 ? (
        <p>{t("classes:errors.pinRemaining", { count: failure.remaining })}</p>
      ) : null}
    </div>
  );
}
