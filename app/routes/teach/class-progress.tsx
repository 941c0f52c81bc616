import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatDay, formatTime, StateCell } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { translate } from "~/i18n/locale.server";
import { requireOwnedClass } from "~/modules/classes/access.server";
import {
  FILTERS,
  matchesFilter,
  matchesSearch,
  PAGE_SIZE,
  paginate,
  readFilter,
  sharedNames,
  summaryBox,
  type BoxFilter,
  type Filter,
} from "~/modules/classes/dashboard";
import { loadClassDashboard } from "~/modules/classes/dashboard.server";
import { attendanceOfLearners } from "~/modules/classes/sessions.server";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/** How many names each summary box lists before "see all" (the filter shows the rest, page by page). */
const BOX_NAMES = 8;

/**
 * The class's progress. Without `?module=`: every assigned module, one column each (the overview);
 * with it, one module lesson by lesson. Both take a name search (`q`), a filter (`show`) and a
 * page (`page`) as plain GET parameters, so they work without JavaScript and can be bookmarked.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass, db } = await requireOwnedClass(request, params);
  const { modules, assigned, members, rows, dueDates } = await loadClassDashboard(db, { klass, locale });
  const search = new URL(request.url).searchParams;
  const requested = modules.find((m) => m.id === search.get("module"));
  // The overview needs something assigned; a class with nothing assigned shows a module's lessons.
  const selected = requested ?? (assigned.length ? null : modules[0]);
  const shownIds = selected ? [selected.id] : assigned.map((m) => m.id);
  const q = (search.get("q") ?? "").slice(0, 80);
  const show = readFilter(search.get("show"));
  const memberOf = new Map(members.active.map((m) => [m.id, m]));
  const found = rows.filter((r) => matchesSearch(q, r.name, memberOf.get(r.learnerId)?.username) && matchesFilter(r, show, shownIds));
  const page = paginate(found, search.get("page"));
  const attendance = await attendanceOfLearners(db, { classId: klass.id, learnerIds: page.items.map((r) => r.learnerId) });
  const twins = sharedNames(members.active);
  // The boxes cover what the list below covers (the modules shown), so a box's count is what its
  // filter lists: "Cần giúp (3)" then shows 3 people. The page says which modules that is.
  const summary = (filter: BoxFilter) => {
    const list = summaryBox(rows, filter, shownIds);
    return { count: list.length, people: list.slice(0, BOX_NAMES) };
  };
  return {
    locale,
    title: translate(locale, "classes:dashboard.title", { name: klass.name }),
    klass: { id: klass.id, name: klass.name },
    memberCount: rows.length,
    modules: modules.map((m) => ({
      id: m.id,
      title: m.title,
      assigned: assigned.includes(m),
      dueDate: dueDates.get(m.id) ?? null,
    })),
    view: selected ? ("module" as const) : ("overview" as const),
    selected: selected
      ? {
          id: selected.id,
          title: selected.title,
          lessons: selected.lessons.map((l) => ({ id: l.id, title: l.title })),
          practiceCount: selected.practices.length,
        }
      : null,
    columns: assigned.map((m) => ({ id: m.id, title: m.title, dueDate: dueDates.get(m.id) ?? null })),
    filter: { path: `/${locale}/teach/classes/${klass.id}/progress`, q, show, moduleId: requested?.id ?? null },
    page: { number: page.page, pages: page.pages, total: page.total, first: (page.page - 1) * PAGE_SIZE + 1 },
    boxes: { stuck: summary("needs-help"), behind: summary("behind"), notStarted: summary("late-not-started") },
    rows: page.items.map((r) => ({
      learnerId: r.learnerId,
      name: r.name,
      // Two people of the same name (guests often are): when each joined tells them apart.
      joinedAt: twins.has(r.name) ? (memberOf.get(r.learnerId)?.joinedAt ?? null) : null,
      modules: r.modules
        .filter((m) => shownIds.includes(m.moduleId))
        .map((m) => ({
          moduleId: m.moduleId,
          cells: selected ? m.cells : [],
          mastered: m.mastered,
          total: m.total,
          practiceDone: m.practiceDone,
          practiceTotal: m.practiceTotal,
          state: m.state,
          stuck: m.stuck,
          failedOnce: m.failedOnce,
          late: m.late,
        })),
      attendance: attendance.get(r.learnerId) ?? { present: 0, sessions: 0 },
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** A grid that scrolls inside its own box, its headers and names staying in view (sticky cells stick to the box). */
function GridBox({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div className="cls-scroll cls-sticky" tabIndex={0} role="region" aria-labelledby="grid-caption">
      <table className="cls-table cls-grid">
        <caption id="grid-caption">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** The same page with some parameters changed (empty values dropped): for filters, pages and modules. */
function hrefWith(filter: Data["filter"], change: Partial<{ module: string | null; q: string; show: Filter; page: number }>) {
  const next = new URLSearchParams();
  const merged = { module: filter.moduleId, q: filter.q, show: filter.show as Filter, page: 1, ...change };
  if (merged.module) next.set("module", merged.module);
  if (merged.q) next.set("q", merged.q);
  if (merged.show !== "all") next.set("show", merged.show);
  if (merged.page > 1) next.set("page", String(merged.page));
  const query = next.toString();
  return `${filter.path}${query ? `?${query}` : ""}#results`;
}

export default function DashboardPage() {
  const data = useLoaderData<typeof loader>();
  const { locale, klass, modules, selected, rows, view, columns, filter, page, boxes, memberCount } = data;
  const { t } = useTranslation();
  const base = `/${locale}/teach/classes/${klass.id}`;
  const learnerLink = (r: { learnerId: string; name: string }) => <Link to={`${base}/learners/${r.learnerId}`}>{r.name}</Link>;
  const nameCell = (r: Data["rows"][number]) => (
    <th scope="row">
      {learnerLink(r)}
      {r.joinedAt ? <span className="cls-joined">{t("classes:dashboard.joinedAt", { time: formatTime(r.joinedAt, locale) })}</span> : null}
      {r.modules.some((m) => m.late) ? <span className="cls-late"> {t("classes:dashboard.late")}</span> : null}
    </th>
  );
  const box = (
    id: string,
    heading: string,
    empty: string,
    list: Data["boxes"]["stuck"],
    show: Filter,
    line: (p: Data["boxes"]["stuck"]["people"][number]) => string,
  ) => (
    <section aria-labelledby={id} aria-describedby="boxes-scope" className="cls-box">
      <h2 id={id}>{heading}</h2>
      {list.count === 0 ? <p>{empty}</p> : null}
      <ul>
        {list.people.map((p) => (
          <li key={p.learnerId}>
            {learnerLink(p)}: {line(p)}
          </li>
        ))}
      </ul>
      {list.count > list.people.length ? (
        <p>
          <Link to={hrefWith(filter, { q: "", show })}>{t("classes:dashboard.seeAll", { count: list.count })}</Link>
        </p>
      ) : null}
    </section>
  );
  const attendanceCell = (r: Data["rows"][number]) => (
    <td data-attendance>{t("classes:dashboard.attendanceCell", { present: r.attendance.present, sessions: r.attendance.sessions })}</td>
  );
  const lateLine = (p: Data["boxes"]["stuck"]["people"][number]) =>
    p.late.map((l) => t("classes:dashboard.lateWith", { module: l.title, date: formatDay(l.dueDate, locale) })).join("; ");
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
      {memberCount === 0 ? <p className="empty">{t("classes:class.noMembers")}</p> : null}

      <p className="hint" id="boxes-scope">
        {selected ? t("classes:dashboard.boxesScopeModule", { module: selected.title }) : t("classes:dashboard.boxesScopeOverview")}
      </p>
      <div className="cls-summary">
        {box(
          "stuck-heading",
          t("classes:dashboard.stuckHeading", { count: boxes.stuck.count }),
          t("classes:dashboard.nobodyStuck"),
          boxes.stuck,
          "needs-help",
          (p) => p.stuck.map((s) => t("classes:dashboard.stuckOn", { lesson: s.lessonTitle, count: s.attempts })).join("; "),
        )}
        {box(
          "late-heading",
          t("classes:dashboard.behindHeading", { count: boxes.behind.count }),
          t("classes:dashboard.nobodyBehind"),
          boxes.behind,
          "behind",
          lateLine,
        )}
        {box(
          "late-not-started-heading",
          t("classes:dashboard.lateNotStartedHeading", { count: boxes.notStarted.count }),
          t("classes:dashboard.nobodyLateNotStarted"),
          boxes.notStarted,
          "late-not-started",
          lateLine,
        )}
      </div>

      <nav aria-label={t("classes:dashboard.modules")} className="cls-module-nav">
        <ul>
          {columns.length ? (
            <li>
              <Link to={hrefWith(filter, { module: null })} aria-current={view === "overview" ? "page" : undefined}>
                {t("classes:dashboard.overview")}
              </Link>
            </li>
          ) : null}
          {modules.map((m) => (
            <li key={m.id}>
              <Link to={hrefWith(filter, { module: m.id })} aria-current={m.id === selected?.id ? "page" : undefined}>
                {m.title}
                {m.assigned
                  ? ` (${m.dueDate ? t("classes:class.due", { date: formatDay(m.dueDate, locale) }) : t("classes:assigned.badge")})`
                  : ""}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {memberCount ? (
        <Form method="get" className="form cls-filter" role="search" aria-label={t("classes:dashboard.filterLabel")} action="#results">
          {filter.moduleId ? <input type="hidden" name="module" value={filter.moduleId} /> : null}
          <div className="field">
            <label htmlFor="q">{t("classes:dashboard.search")}</label>
            <input id="q" name="q" type="search" defaultValue={filter.q} maxLength={80} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor="show">{t("classes:dashboard.show")}</label>
            <select id="show" name="show" defaultValue={filter.show}>
              {FILTERS.map((f) => (
                <option key={f} value={f}>
                  {t(`classes:dashboard.filters.${f}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t("classes:dashboard.apply")}
          </button>
        </Form>
      ) : null}

      {memberCount ? (
        <p id="results" role="status">
          {page.total === 0
            ? t("classes:dashboard.noneFound")
            : t("classes:dashboard.showing", {
                from: page.first,
                to: page.first + rows.length - 1,
                count: page.total,
              })}
          {filter.q || filter.show !== "all" ? (
            <>
              {" "}
              <Link to={hrefWith(filter, { q: "", show: "all" })}>{t("classes:dashboard.clear")}</Link>
            </>
          ) : null}
        </p>
      ) : null}

      {view === "overview" && rows.length ? (
        <GridBox caption={t("classes:dashboard.overviewCaption")}>
          <thead>
            <tr>
              <th scope="col">{t("classes:dashboard.learner")}</th>
              {columns.map((c) => (
                <th scope="col" key={c.id}>
                  <Link to={hrefWith(filter, { module: c.id })}>{c.title}</Link>
                  {c.dueDate ? <span className="cls-joined">{t("classes:class.due", { date: formatDay(c.dueDate, locale) })}</span> : null}
                </th>
              ))}
              <th scope="col">{t("classes:dashboard.attendance")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.learnerId}>
                {nameCell(r)}
                {r.modules.map((m) => (
                  <td key={m.moduleId} data-module={m.moduleId}>
                    <span className={`cls-cell cls-cell-${m.state}`}>
                      <span aria-hidden="true" className="cls-mark">
                        {m.state === "mastered" ? "✓" : m.state === "in-progress" ? "…" : "–"}
                      </span>{" "}
                      <span>{t(`classes:dashboard.moduleState.${m.state}`)}</span>
                      <span className="cls-detail"> {t("classes:dashboard.lessonsDone", { done: m.mastered, total: m.total })}</span>
                    </span>
                    {m.late ? <span className="cls-late cls-joined">{t(`classes:dashboard.lateKind.${m.late}`)}</span> : null}
                    {m.stuck ? (
                      <span className="cls-late cls-joined">{t("classes:dashboard.stuckCount", { count: m.stuck })}</span>
                    ) : m.failedOnce ? (
                      <span className="cls-late-soft cls-joined">{t("classes:dashboard.failedOnceCount", { count: m.failedOnce })}</span>
                    ) : null}
                  </td>
                ))}
                {attendanceCell(r)}
              </tr>
            ))}
          </tbody>
        </GridBox>
      ) : null}

      {view === "module" && selected && rows.length ? (
        <GridBox caption={t("classes:dashboard.gridCaption", { module: selected.title })}>
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
            {rows.map((r) => {
              const m = r.modules[0];
              return (
                <tr key={r.learnerId}>
                  {nameCell(r)}
                  {m?.cells.map((c) => (
                    <td key={c.lessonId}>
                      <StateCell
                        status={c.status}
                        detail={c.attempts ? t("classes:dashboard.cellDetail", { count: c.attempts, score: c.bestScore }) : undefined}
                      />
                    </td>
                  ))}
                  {selected.practiceCount ? (
                    <td>
                      {m?.practiceDone ?? 0}/{m?.practiceTotal ?? selected.practiceCount}
                    </td>
                  ) : null}
                  {attendanceCell(r)}
                </tr>
              );
            })}
          </tbody>
        </GridBox>
      ) : null}

      {page.pages > 1 ? (
        <nav aria-label={t("classes:dashboard.pages")}>
          <ul className="cls-pages">
            {page.number > 1 ? (
              <li>
                <Link to={hrefWith(filter, { page: page.number - 1 })} rel="prev">
                  {t("classes:dashboard.previous")}
                </Link>
              </li>
            ) : null}
            {Array.from({ length: page.pages }, (_, i) => i + 1).map((n) => (
              <li key={n}>
                {n === page.number ? (
                  <span aria-current="page">
                    <span className="visually-hidden">{t("classes:dashboard.page")} </span>
                    {n}
                  </span>
                ) : (
                  <Link to={hrefWith(filter, { page: n })}>
                    <span className="visually-hidden">{t("classes:dashboard.page")} </span>
                    {n}
                  </Link>
                )}
              </li>
            ))}
            {page.number < page.pages ? (
              <li>
                <Link to={hrefWith(filter, { page: page.number + 1 })} rel="next">
                  {t("classes:dashboard.next")}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      <p className="hint">{t(view === "overview" ? "classes:dashboard.overviewLegend" : "classes:dashboard.legend")}</p>
    </div>
  );
}
