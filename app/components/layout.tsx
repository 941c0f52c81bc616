import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { switchLocalePath, type Locale } from "~/i18n/config";
import type { ClassLinks } from "~/modules/classes/nav.server";

export function SiteHeader({
  locale,
  languages,
  learner,
  classLinks = null,
}: {
  locale: Locale;
  languages: { code: Locale; name: string }[];
  learner: { kind: "guest" | "account"; displayName: string | null } | null;
  classLinks?: ClassLinks | null;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const account = learner?.kind === "account" ? learner : null;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="site-header-row">
        <Link to={`/${locale}`} className="brand">
          <svg aria-hidden="true" width="28" height="28" viewBox="0 0 24 24">
            <path fill="currentColor" d="M12 3 1 9l11 6 9-4.9V17h2V9L12 3zm-7 9.2V16l7 4 7-4v-3.8L12 16l-7-3.8z" />
          </svg>
          <span>{t("site.name")}</span>
        </Link>
        <nav aria-label={t("nav.language")} className="language-switch">
          {languages
            .filter((l) => l.code !== locale)
            .map((l) => (
              <a
                key={l.code}
                href={switchLocalePath(
                  location.pathname,
                  location.search,
                  l.code,
                  languages.map((x) => x.code),
                )}
                hrefLang={l.code}
                lang={l.code}
              >
                {l.name}
              </a>
            ))}
        </nav>
        <Link
          to={
            location.pathname === `/${locale}/display`
              ? `/${locale}/display`
              : `/${locale}/display?back=${encodeURIComponent(location.pathname)}`
          }
          className="display-link"
        >
          <span aria-hidden="true" className="display-link-icon">
            Aa
          </span>{" "}
          {t("access:display.link")}
        </Link>
      </div>
      <nav aria-label={t("nav.main")} className="main-nav">
        <NavLink to={`/${locale}`} end>
          {t("nav.courses")}
        </NavLink>
        <NavLink to={`/${locale}/progress`}>{t("nav.progress")}</NavLink>
        <NavLink to={`/${locale}/certificates`}>{t("nav.certificates")}</NavLink>
        {classLinks?.teach ? <NavLink to={`/${locale}/teach`}>{t("classes:nav.teach")}</NavLink> : null}
        {classLinks?.mentor ? <NavLink to={`/${locale}/follow`}>{t("classes:nav.mentor")}</NavLink> : null}
        {classLinks?.admin ? <NavLink to={`/${locale}/admin/roles`}>{t("classes:nav.admin")}</NavLink> : null}
        {classLinks?.switchLearner ? <NavLink to={`/${locale}/switch`}>{t("classes:nav.switch")}</NavLink> : null}
        {account ? (
          <Form method="post" action={`/${locale}/logout`} className="inline-form">
            <button type="submit" className="link-button">
              {t("nav.logout")}
            </button>
          </Form>
        ) : (
          <>
            <NavLink to={`/${locale}/login`}>{t("nav.login")}</NavLink>
            <NavLink to={`/${locale}/signup`}>{t("nav.signup")}</NavLink>
          </>
        )}
      </nav>
      {account?.displayName ? <p className="signed-in">{t("nav.signedInAs", { name: account.displayName })}</p> : null}
    </header>
  );
}

export function SiteFooter() {
  const { t, i18n } = useTranslation();
  return (
    <footer className="site-footer">
      <p>
        <Link to={`/${i18n.language}/glossary`}>{t("site.glossary")}</Link>
      </p>
      <p>{t("site.footer")}</p>
    </footer>
  );
}
