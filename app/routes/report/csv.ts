import type { LoaderFunctionArgs } from "@remix-run/node";
import { serverI18n } from "~/i18n/strings.server";
import { notFound } from "~/i18n/locale.server";
import { reportCsv } from "~/modules/reports/export.server";
import { attachment, loadReportPage, reportFileName } from "~/modules/reports/page.server";

/** One breakdown (`?table=units|audiences|modules`, units by default) as CSV for Excel. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await loadReportPage(request, params);
  if (!page.ok) throw notFound();
  const wanted = new URL(request.url).searchParams.get("table") ?? "units";
  const table = page.tables.find((tb) => tb.id === wanted);
  if (!table) throw notFound();
  return new Response(reportCsv(table, serverI18n(page.locale).t), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachment(reportFileName(page, "csv", `-${table.id}`)),
      "Cache-Control": "private, no-store",
    },
  });
}
