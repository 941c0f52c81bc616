import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOwnedClass } from "~/modules/classes/access.server";
import { classResults, resultsXlsx } from "~/modules/classes/export.server";

/** The class's results as an Excel workbook: the same rows as the CSV (decision 27), for Excel set to ";" lists. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass, db } = await requireOwnedClass(request, params);
  const results = await classResults(db, { klass, locale });
  const name = `${results.fileName}.xlsx`;
  return new Response(new Uint8Array(await resultsXlsx(results)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
