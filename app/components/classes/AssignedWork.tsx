import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { AssignedItem } from "~/modules/classes/assigned.server";
import { formatDay } from "./ui";

/** "Việc được giao": shown first to a learner in a class, soonest due first. */
export function AssignedWork({ items, locale, headingLevel = 2 }: { items: AssignedItem[]; locale: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="cls-assigned" aria-labelledby="assigned-heading">
      <Heading id="assigned-heading">{t("classes:assigned.title")}</Heading>
      <ul className="cls-assigned-list">
        {items.map((item) => (
          <li key={`${item.classId}-${item.moduleId}`} className={item.late ? "is-late" : undefined}>
            <Link
              to={`/${locale}/modules/${item.moduleId}${item.nextLessonId ? `/${item.nextLessonId}` : ""}`}
              className="cls-assigned-link"
            >
              <span className="cls-assigned-title">{item.title}</span>
              <span className="meta">
                {item.className}
                {" · "}
                {item.dueDate ? t("classes:class.due", { date: formatDay(item.dueDate, locale) }) : t("classes:class.noDue")}
              </span>
              <span>
                {item.state === "mastered"
                  ? t("classes:assigned.done")
                  : t("progress.mastered", { mastered: item.mastered, total: item.total })}
                {item.late ? <strong className="cls-late"> · {t("classes:dashboard.late")}</strong> : null}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
