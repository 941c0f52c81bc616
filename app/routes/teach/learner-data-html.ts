import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadOnBehalf } from "~/modules/accounts/on-behalf.server";

/** A PIN learner's data as a readable page, downloaded by their facilitator with them (recorded in the audit log). */
export const loader = ({ request, params }: LoaderFunctionArgs) => downloadOnBehalf(request, params, "html");
