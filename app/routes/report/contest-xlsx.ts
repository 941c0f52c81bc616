import type { LoaderFunctionArgs } from "@remix-run/node";
import { contestXlsxResponse } from "~/modules/contests/organiser.server";

/** One contest's results as an XLSX workbook, for its organiser. */
export const loader = ({ request, params }: LoaderFunctionArgs) => contestXlsxResponse(request, params, "unit");
