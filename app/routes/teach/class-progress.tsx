import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDay, StateCell } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { translate } from "~/i18n/locale.server";
import { requireOwnedClass } from "~/modules/classes/access.server";
import { listAssignments, listMembers, progressOfLearners } from "~/modules/classes/classes.server";
import { vietnamDay } from "~/modules/classes/codes";
import { buildDashboard } from "~/modules/classes/dashboard";
import { attendanceOfLearners } from "~/modules/classes/sessions.server";
import { getCourse } from "~/modules/content/course-instance.server";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass, db } = await requireOwnedClass(request, params);
  const [course, members, assignments] = await Promise.all([
    getCourse(),
    listMembers(db, { classId: klass.id }),
    listAssignments(db, { classId: klass.id }),
  ]);
  const [progress, attendance] = await Promise.all([
    progressOfLearners(db, { learnerIds: members.active.map((m) => m.id) }),
    attendanceOfLearners(db, { classId: klass.id, learnerIds: members.active.map((m) => m.id) }),
  ]);
  const modules = course.modules(locale);
  const assigned = new Set(assignments.map((a) => a.module_id));
  const requested = new URL(request.url).searchParams.get("module");
  const selected = modules.find((m) => m.id === requested) ?? modules.find((m) => assigned.has(m.id)) ?? modules[0];
  const rows = buildDashboard({
    members: members.active.map((m) => ({ id: m.id, name: m.name })),
    modules: modules.map((m) => ({
      id: m.id,
      title: m.title,
      lessons: m.lessons.map((l) => ({ id: l.id, title: l.title })),
      practiceIds: m.practices.map((p) => p.id),
    })),
    progress,
    dueDates: new Map(assignments.map((a) => [a.module_id, a.due_date])),
    today: vietnamDay(new Date()),
  });
  return {
    locale,
    title: translate(locale, "classes:dashboard.title", { name: klass.name }),
    klass: { id: klass.id, name: klass.name },
    modules: modules.map((m) => ({
      id: m.id,
      title: m.title,
      assigned: assigned.has(m.id),
      dueDate: assignments.find((a) => a.module_id === m.id)?.due_date ?? null,
    })),
    selected: selected
      ? {
          id: selected.id,
          title: selected.title,
          lessons: selected.lessons.map((l) => ({ id: l.id, title: l.title })),
          practiceCount: selected.practices.length,
        }
      : null,
    rows: rows.map((r) => ({
      learnerId: r.learnerId,
      name: r.name,
      module: r.modules.find((m) => m.moduleId === selected?.id) ?? null,
      late: r.late,
      stuck: r.stuck,
      // Sessions attended, of those where attendance was taken (issue 18).
      attendance: attendance.get(r.learnerId) ?? { present: 0, sessions: 0 },
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function DashboardPage() {
  const { locale, klass, modules, selected, rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/${locale}/teach/classes/${klass.id}`;
  const stuck = rows.filter((r) => r.stuck.length);
  const late = rows.filter((r) => r.late.length);
  return (
    <div className="page wide">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/${locale}/teach`}>{t("classes:teach.title")}</Link> › <Link to={base}>{klass.name}</Link>
      </nav>
      <h1>{t("classes:dashboard.title", { name: klass.name })}</h1>
      <p>
        <a className="button" href={`${base}/export.csv`} download>
          {t("classes:class.export")}
        </a>
      </p>
      {rows.length === 0 ? <p className="empty">{t("classes:class.noMembers")}</p> : null}

      <div className="cls-summary">
        <section aria-labelledby="stuck-heading" className="cls-box">
          <h2 id="stuck-heading">{t("classes:dashboard.stuckHeading", { count: stuck.length })}</h2>
          {stuck.length === 0 ? <p>{t("classes:dashboard.nobodyStuck")}</p> : null}
          <ul>
            {stuck.map((r) => (
              <li key={r.learnerId}>
                <Link to={`${base}/learners/${r.learnerId}`}>{r.name}</Link>:{" "}
                {r.stuck.map((s) => t("classes:dashboard.stuckOn", { lesson: s.lessonTitle, count: s.attempts })).join("; ")}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="late-heading" className="cls-box">
          <h2 id="late-heading">{t("classes:dashboard.lateHeading", { count: late.length })}</h2>
          {late.length === 0 ? <p>{t("classes:dashboard.nobodyLate")}</p> : null}
          <ul>
            {late.map((r) => (
              <li key={r.learnerId}>
                <Link to={`${base}/learners/${r.learnerId}`}>{r.name}</Link>:{" "}
                {r.late.map((l) => t("classes:dashboard.lateWith", { module: l.title, date: formatDay(l.dueDate, locale) })).join("; ")}
              </li>
            ))}
          </ul>
        </section>
      </div>

      <nav aria-label={t("classes:dashboard.modules")} className="cls-module-nav">
        <ul>
          {modules.map((m) => (
            <li key={m.id}>
              <Link to={`?module=${m.id}`} aria-current={m.id === selected?.id ? "page" : undefined}>
                {m.title}
                {m.assigned
                  ? ` (${m.dueDate ? t("classes:class.due", { date: formatDay(m.dueDate, locale) }) : t("classes:assigned.badge")})`
                  : ""}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {selected && rows.length ? (
        <div className="cls-scroll" tabIndex={0} role="region" aria-labelledby="grid-caption">
          <table className="cls-table cls-grid">
            <caption id="grid-caption">{t("classes:dashboard.gridCaption", { module: selected.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("classes:dashboard.learner")}</th>
                {selected.lessons.map((l, i) => (
                  <th scope="col" key={l.id}>
                    <span className="cls-col-number">{i + 1}.</span> {l.title}
                  </th>
                ))}
                {selected.practiceCount ? <th scope="col">{t("module.practice")}</th> : null}
                <th scope="col">{t("classes:dashboard.attendance")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.learnerId}>
                  <th scope="row">
                    <Link to={`${base}/learners/${r.learnerId}`}>{r.name}</Link>
                    {r.late.some((l) => l.moduleId === selected.id) ? (
                      <span className="cls-late"> {t("classes:dashboard.late")}</span>
                    ) : null}
                  </th>
                  {r.module?.cells.map((c) => (
                    <td key={c.lessonId}>
                      <StateCell
                        state={c.state}
                        stuck={c.stuck}
                        detail={c.attempts ? t("classes:dashboard.cellDetail", { count: c.attempts, score: c.bestScore }) : undefined}
                      />
                    </td>
                  ))}
                  {selected.practiceCount ? (
                    <td>
                      {r.module?.practiceDone ?? 0}/{r.module?.practiceTotal ?? selected.practiceCount}
                    </td>
                  ) : null}
                  <td data-attendance>
                    {t("classes:dashboard.attendanceCell", { present: r.attendance.present, sessions: r.attendance.sessions })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="hint">{t("classes:dashboard.legend")}</p>
    </div>
  );
}
