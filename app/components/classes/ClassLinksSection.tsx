import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

/** On "My progress": classes, and who may see this progress (mentors, family). */
export function ClassLinksSection({ locale, isGuest }: { locale: string; isGuest: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="class-links" className="progress-links">
      <h2 id="class-links">{t("classes:links.heading")}</h2>
      <ul className="lesson-list compact">
        <li>
          <Link to={`/${locale}/classes`}>{t("classes:my.title")}</Link>
        </li>
        <li>
          <Link to={`/${locale}/join`}>{t("classes:join.title")}</Link>
        </li>
        <li>
          <Link to={`/${locale}/sharing`}>{t("classes:sharing.title")}</Link>
        </li>
        {!isGuest ? (
          <li>
            <Link to={`/${locale}/follow`}>{t("classes:follow.title")}</Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
