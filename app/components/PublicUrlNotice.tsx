import { useTranslation } from "~/i18n/react";

/** Said plainly on the pages where teachers and administrators print or issue: PUBLIC_URL is not set. */
export function PublicUrlNotice({ missing }: { missing: { origin: string } | null }) {
  const { t } = useTranslation();
  if (!missing) return null;
  return (
    <div className="alert alert-error no-print cls-noprint" role="note">
      <p>
        <strong>{t("publicUrl.title")}</strong> {t("publicUrl.body", { origin: missing.origin })}
      </p>
    </div>
  );
}
