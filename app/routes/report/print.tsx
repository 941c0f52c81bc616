import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ReportChart, ReportTableView } from "~/components/reports/report-parts";
import { useTranslation } from "~/i18n/react";
import { notFound } from "~/i18n/locale.server";
import { reportFacts } from "~/modules/reports/export.server";
import { loadReportPage } from "~/modules/reports/page.server";
import { serverI18n } from "~/i18n/strings.server";
import reportsCss from "~/styles/reports.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportsCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await loadReportPage(request, params);
  // A bad period has nothing to print: the report page shows the message.
  if (!page.ok) throw notFound();
  return {
    locale: page.locale,
    unit: { code: page.unit.code, name: page.unit.name },
    query: page.query,
    periodText: page.periodText,
    facts: reportFacts(page.report, serverI18n(page.locale).t),
    tables: page.tables,
    chart: page.chart,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.unit.name }];

/** The A4 page to attach to the quarterly report: unit, period, date made, the tables and the chart. */
export default function PrintReportPage() {
  const { locale, unit, query, periodText, facts, tables, chart } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="rep-print">
      <p className="no-print">
        <Link to={`/${locale}/report/${encodeURIComponent(unit.code)}?${query}`}>{t("reports:print.back")}</Link>
      </p>
      <h1>{t("reports:print.title")}</h1>
      <dl className="rep-facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {tables.map((table) => (
        <ReportTableView
          key={table.id}
          table={table}
          caption={t(`reports:captions.${table.id}`, { unit: unit.name, period: periodText })}
          locale={locale}
        />
      ))}
      <h2>{t("reports:chart.title")}</h2>
      <ReportChart rows={chart} locale={locale} id="print-chart" />
      <p className="hint">{t("reports:definitions.reached")}</p>
      <p className="hint">{t("reports:definitions.mentors")}</p>
    </div>
  );
}
