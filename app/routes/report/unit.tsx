import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PeriodForm, ReportChart, ReportTableView } from "~/components/reports/report-parts";
import { useTranslation } from "~/i18n/react";
import { loadReportPage } from "~/modules/reports/page.server";
import reportsCss from "~/styles/reports.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportsCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await loadReportPage(request, params);
  return { ...page, unit: { code: page.unit.code, name: page.unit.name, level: page.unit.level } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.unit.name }];

/**
 * A unit's report: the period form, then the table by child unit (each row links one level down,
 * keeping the period), the chart against the targets, the tables by group and by module, and the
 * downloads. A plain page: every link and the form work without JavaScript.
 */
export default function UnitReportPage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { locale, unit } = page;
  const base = `/${locale}/report/${encodeURIComponent(unit.code)}`;
  return (
    <div className="page wide rep-page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/${locale}/report`}>{t("reports:indexTitle")}</Link>
        {page.up ? (
          <>
            {" › "}
            <Link to={`/${locale}/report/${encodeURIComponent(page.up.code)}${page.ok ? `?${page.query}` : ""}`}>
              {t("reports:up", { name: page.up.name })}
            </Link>
          </>
        ) : null}
      </nav>
      <h1>{t("reports:title", { unit: unit.name })}</h1>
      <p className="hint">
        {t(`reports:levels.${unit.level}`)} · {unit.code} · {t("reports:privacy")}
      </p>
      <p className="no-print">
        <Link to={`/${locale}/report/units/${encodeURIComponent(unit.code)}`}>{t("reports:manage", { unit: unit.name })}</Link>
      </p>
      <PeriodForm values={page.values} errors={page.ok ? [] : page.errors} action={base} />
      {page.ok ? (
        <>
          <p>
            <strong>{page.periodText}</strong>
          </p>
          <ReportTableView
            table={page.tables[0]!}
            caption={t("reports:captions.units", { unit: unit.name, period: page.periodText })}
            locale={locale}
            drillHref={(code) => `/${locale}/report/${encodeURIComponent(code)}?${page.query}`}
          />
          <p className="hint">{t("reports:definitions.reached")}</p>
          <h2>{t("reports:chart.title")}</h2>
          <ReportChart rows={page.chart} locale={locale} id="unit-chart" />
          <h2>{page.tables[1]!.title}</h2>
          <ReportTableView
            table={page.tables[1]!}
            caption={t("reports:captions.audiences", { unit: unit.name, period: page.periodText })}
            locale={locale}
          />
          <h2>{page.tables[2]!.title}</h2>
          <ReportTableView
            table={page.tables[2]!}
            caption={t("reports:captions.modules", { unit: unit.name, period: page.periodText })}
            locale={locale}
          />
          <p className="hint">{t("reports:definitions.mentors")}</p>
          <section aria-labelledby="downloads-heading" className="rep-downloads no-print">
            <h2 id="downloads-heading">{t("reports:downloads.heading")}</h2>
            <ul>
              <li>
                <a href={`${base}/report.xlsx?${page.query}`} download>
                  {t("reports:downloads.xlsx")}
                </a>
              </li>
              {page.tables.map((table) => (
                <li key={table.id}>
                  <a href={`${base}/report.csv?${page.query}&table=${table.id}`} download>
                    {t("reports:downloads.csv", { table: table.title })}
                  </a>
                </li>
              ))}
              <li>
                <Link to={`${base}/print?${page.query}`}>{t("reports:downloads.print")}</Link>
              </li>
              <li>
                <Link to={`${base}/contests`}>{t("contests:organise.nav")}</Link>
              </li>
            </ul>
          </section>
        </>
      ) : null}
    </div>
  );
}
