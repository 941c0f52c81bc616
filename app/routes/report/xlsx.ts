import type { LoaderFunctionArgs } from "@remix-run/node";
import { serverI18n } from "~/i18n/strings.server";
import { notFound } from "~/i18n/locale.server";
import { reportXlsxStream } from "~/modules/reports/export.server";
import { attachment, loadReportPage, reportFileName } from "~/modules/reports/page.server";

/** The report as an XLSX workbook, streamed as it is written. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await loadReportPage(request, params);
  if (!page.ok) throw notFound();
  return new Response(reportXlsxStream(page.report, page.tables, serverI18n(page.locale).t), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachment(reportFileName(page, "xlsx")),
      "Cache-Control": "private, no-store",
    },
  });
}
