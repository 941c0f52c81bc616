import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect } from "react";
import { keepPlace, restoreKeptAnswers, trackPlace } from "~/modules/access/keep-place";
import { useTranslation } from "~/i18n/react";
import { switchLocalePath, type Locale } from "~/i18n/config";
import type { ClassLinks } from "~/modules/classes/nav.server";

/**
 * A compact header (issue 11): the site's name and one "Menu" disclosure (a plain <details>, so it
 * opens without JavaScript). Inside: the main links, text size, log-in or log-out, then the other
 * languages. The skip link takes no room until it has the focus.
 */
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
  // Arriving through the language switch: tick the answers given on the other language's page.
  useEffect(() => {
    restoreKeptAnswers();
    return trackPlace();
  }, [location.pathname]);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="site-header-row">
        <Link to={`/${locale}`} className="brand">
          <svg aria-hidden="true" className="brand-icon" viewBox="0 0 24 24">
            <path fill="currentColor" d="M12 3 1 9l11 6 9-4.9V17h2V9L12 3zm-7 9.2V16l7 4 7-4v-3.8L12 16l-7-3.8z" />
          </svg>
          <span>{t("site.name")}</span>
        </Link>
        {/* A new page closes the menu (the key changes with the address). */}
        <details className="site-menu" key={location.pathname + location.search}>
          <summary>
            <svg aria-hidden="true" className="menu-icon" viewBox="0 0 24 24">
              <path fill="currentColor" d="M3 5h18v2.5H3zm0 5.75h18v2.5H3zM3 16.5h18V19H3z" />
            </svg>
            {t("nav.menu")}
          </summary>
          <div className="site-menu-panel">
            {account?.displayName ? <p className="signed-in">{t("nav.signedInAs", { name: account.displayName })}</p> : null}
            <nav aria-label={t("nav.main")} className="main-nav">
              <NavLink to={`/${locale}`} end>
                {t("nav.courses")}
              </NavLink>
              <NavLink to={`/${locale}/progress`}>{t("nav.progress")}</NavLink>
              <NavLink to={`/${locale}/certificates`}>{t("nav.certificates")}</NavLink>
              {classLinks?.teach ? <NavLink to={`/${locale}/teach`}>{t("classes:nav.teach")}</NavLink> : null}
              {classLinks?.mentor || classLinks?.follow ? (
                <NavLink to={`/${locale}/follow`}>{t(classLinks.mentor ? "classes:nav.mentor" : "classes:nav.family")}</NavLink>
              ) : null}
              {classLinks?.report ? <NavLink to={`/${locale}/report`}>{t("classes:nav.report")}</NavLink> : null}
              {classLinks?.admin ? <NavLink to={`/${locale}/admin/roles`}>{t("classes:nav.admin")}</NavLink> : null}
              {classLinks?.switchLearner ? <NavLink to={`/${locale}/switch`}>{t("classes:nav.switch")}</NavLink> : null}
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
              {account ? <NavLink to={`/${locale}/my-data`}>{t("nav.myData")}</NavLink> : null}
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
                    // With JavaScript: the same section, and the answers already ticked.
                    onClick={(event) => keepPlace(event.currentTarget)}
                  >
                    {l.name}
                  </a>
                ))}
            </nav>
          </div>
        </details>
      </div>
    </header>
  );
}

const NOTICES = ["signedUp", "signedUpKept", "loggedIn", "loggedInMerged", "loggedOut", "accountDeleted"] as const;

/**
 * The confirmation after signing up, logging in or out (`?notice=` on the page it lands on, set
 * by app/modules/accounts/auth.server.ts): a fixed message chosen by name, never text from the URL.
 */
export function SiteNotice() {
  const { t } = useTranslation();
  const notice = new URLSearchParams(useLocation().search).get("notice");
  if (!NOTICES.includes(notice as (typeof NOTICES)[number])) return null;
  return (
    <div className="site-notice" id="notice" role="status" tabIndex={-1}>
      <p className="alert alert-success">{t(`notice.${notice}`)}</p>
    </div>
  );
}

export function SiteFooter() {
  const { t, i18n } = useTranslation();
  return (
    <footer className="site-footer">
      <p>
        <Link to={`/${i18n.language}/glossary`}>{t("site.glossary")}</Link> ·{" "}
        <Link to={`/${i18n.language}/privacy`}>{t("site.privacy")}</Link>
      </p>
      <p>{t("site.footer")}</p>
    </footer>
  );
}
