import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import { ShareLink } from "~/components/share/ShareLink";

/** The download links of one certificate (PDF A4, PDF A5, Open Badge unless it is a contest's) and its share link. */
export function CertificateDownloads({
  base,
  shareUrl,
  badge = true,
  children,
}: {
  base: string;
  shareUrl: string;
  badge?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="actions">
        {children}
        <a className="button" href={`${base}/pdf`} download>
          {t("certificates:card.pdfA4")}
        </a>
        <a className="button" href={`${base}/pdf?paper=a5`} download>
          {t("certificates:card.pdfA5")}
        </a>
        {badge ? (
          <a className="button" href={`${base}/badge`} download>
            {t("certificates:card.badge")}
          </a>
        ) : null}
      </div>
      <ShareLink url={shareUrl} label={t("certificates:card.share")} />
    </>
  );
}

/** Sign up or log in, then come back here: how a guest who qualifies gets their certificate. */
export function AccountLinks({ locale, here }: { locale: string; here: string }) {
  const { t } = useTranslation();
  const back = encodeURIComponent(here);
  return (
    <div className="actions">
      <Link className="button button-primary" to={`/${locale}/signup?redirectTo=${back}`}>
        {t("certificates:guest.signup")}
      </Link>
      <Link className="button" to={`/${locale}/login?redirectTo=${back}`}>
        {t("certificates:guest.login")}
      </Link>
    </div>
  );
}
