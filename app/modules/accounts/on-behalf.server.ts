import type { Params } from "@remix-run/react";
import { notFound } from "~/i18n/locale.server";
import { isSupportedLocale } from "~/i18n/locale.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { requireMemberOfOwnedClass } from "~/modules/classes/access.server";
import { myDataDownload, myDataHtml } from "./my-data-file.server";
import { collectMyData, itemTitles } from "./my-data.server";

/**
 * A PIN learner, for their facilitator acting on their behalf (issue 14): only a current member
 * with a PIN login of a class this instructor owns; anyone else is a 404.
 */
export async function requirePinMember(request: Request, params: Params) {
  const found = await requireMemberOfOwnedClass(request, params);
  if (!found.member.pin || !isSupportedLocale(found.locale)) notFound();
  return { ...found, locale: found.locale };
}

/** The learner's data downloaded by the facilitator, recorded in the audit log. */
export async function downloadOnBehalf(request: Request, params: Params, format: "json" | "html"): Promise<Response> {
  const { locale, klass, db, member, instructor } = await requirePinMember(request, params);
  if (!isSupportedLocale(locale)) notFound();
  const mine = await collectMyData(db, { learnerId: member.id });
  if (!mine) notFound();
  await recordAudit(db, { actorId: instructor.id, action: "data.export", subjectId: member.id, classId: klass.id, detail: { format } });
  return myDataDownload(mine, format, format === "html" ? myDataHtml(mine, { locale, titles: await itemTitles(locale) }) : undefined);
}
