import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getEnv } from "~/env.server";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { TERMS_VERSION } from "~/modules/accounts/consent.server";
import { SESSION_DAYS } from "~/modules/accounts/sessions.server";
import { loaderHeaders, pageCacheHeaders } from "~/modules/http/cache";
import { publicPageMeta } from "~/modules/seo/meta";

/** The privacy page (issue 14): what is kept, why, who sees it, for how long, in plain words. */
export function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  return data(
    {
      locale,
      version: TERMS_VERSION,
      guestMonths: getEnv().GUEST_RETENTION_MONTHS,
      sessionDays: SESSION_DAYS,
      title: translate(locale, "accounts:privacy.title"),
      description: translate(locale, "accounts:privacy.lead"),
    },
    { headers: pageCacheHeaders(request) },
  );
}

export const headers = loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, ...args }) =>
  publicPageMeta(args, data && { title: data.title, description: data.description });

const SECTIONS = ["kept", "why", "who", "howLong", "rights"] as const;

export default function PrivacyPage() {
  const { locale, version, guestMonths, sessionDays } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const values = { months: guestMonths, days: sessionDays, count: guestMonths };
  return (
    <div className="page narrow">
      <h1>{t("accounts:privacy.title")}</h1>
      <p className="lead">{t("accounts:privacy.lead")}</p>
      {SECTIONS.map((s) => (
        <section key={s} aria-labelledby={`privacy-${s}`}>
          <h2 id={`privacy-${s}`}>{t(`accounts:privacy.${s}.title`)}</h2>
          <ul>
            {(t(`accounts:privacy.${s}.items`, values) as string).split("\n").map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      ))}
      <p>
        <Link to={`/${locale}/my-data`}>{t("accounts:myData.link")}</Link> ·{" "}
        <Link to={`/${locale}/forgot-password`}>{t("accounts:forgot.title")}</Link>
      </p>
      <p className="meta">{t("accounts:privacy.version", { version })}</p>
    </div>
  );
}
