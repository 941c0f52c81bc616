import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ReportTableView } from "~/components/reports/report-parts";
import { getDb } from "~/db.server";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { serverI18n } from "~/i18n/strings.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { getCourseShape } from "~/modules/progress/shape.server";
import { currentQuarter, displayDay, periodQuery } from "~/modules/reports/period";
import { buildReport } from "~/modules/reports/report.server";
import { reportTables } from "~/modules/reports/tables";
import { requireAnyOfficial } from "~/modules/units/scope.server";
import reportsCss from "~/styles/reports.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportsCss }];

/**
 * The reports' front page: an official's own units; for an administrator, this quarter's figures
 * for the whole platform, one row per province plus the accounts without a unit.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { units, isAdmin } = await requireAnyOfficial(request);
  const db = await getDb();
  const period = currentQuarter(new Date());
  let everywhere = null;
  if (isAdmin) {
    const [shape, course] = await Promise.all([getCourseShape(), getCourse()]);
    const report = (await buildReport(db, { unitCode: null, period, shape }))!;
    const titles = new Map(course.modules(locale).map((m) => [m.id, m.title]));
    everywhere = reportTables(report, serverI18n(locale).t, (id) => titles.get(id) ?? id)[0]!;
  }
  return {
    locale,
    title: translate(locale, "reports:indexTitle"),
    units: units.map((u) => ({ code: u.code, name: u.name, level: u.level })),
    everywhere,
    query: periodQuery(period),
    periodText: translate(locale, "reports:period.shown", { from: displayDay(period.startDay), to: displayDay(period.lastDay) }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function ReportsIndexPage() {
  const { locale, units, everywhere, query, periodText } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const href = (code: string) => `/${locale}/report/${encodeURIComponent(code)}?${query}`;
  return (
    <div className="page wide rep-page">
      <h1>{t("reports:indexTitle")}</h1>
      <p className="hint">{t("reports:privacy")}</p>
      <h2>{t("reports:yourUnits")}</h2>
      {units.length ? (
        <ul className="rep-units">
          {units.map((u) => (
            <li key={u.code}>
              <Link to={href(u.code)}>{u.name}</Link>{" "}
              <span className="hint">
                ({t(`reports:levels.${u.level}`)}, {u.code})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("reports:noUnits")}</p>
      )}
      {everywhere ? (
        <section aria-labelledby="everywhere-heading">
          <h2 id="everywhere-heading">{t("reports:everywhereTitle")}</h2>
          <p>{t("reports:everywhereIntro")}</p>
          <ReportTableView
            table={everywhere}
            caption={t("reports:captions.units", { unit: t("reports:facts.everywhere"), period: periodText })}
            locale={locale}
            drillHref={href}
          />
        </section>
      ) : null}
    </div>
  );
}
