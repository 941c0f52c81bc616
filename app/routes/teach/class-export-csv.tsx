import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOwnedClass } from "~/modules/classes/access.server";
import { toCsv } from "~/modules/classes/csv";
import { classResults } from "~/modules/classes/export.server";

/**
 * The class's results as CSV: one row per learner × lesson and learner × practice of the assigned
 * modules (every module when none is assigned), with attendance. Only this class's current
 * members, only for its instructor. The same rows as the XLSX (`classResults`).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass, db } = await requireOwnedClass(request, params);
  const results = await classResults(db, { klass, locale });
  const name = `${results.fileName}.csv`;
  return new Response(toCsv([results.header, ...results.lines]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
