import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireLocale } from "~/i18n/locale.server";
import { myDataDownload, myDataHtml } from "~/modules/accounts/my-data-file.server";
import { collectMyData, itemTitles } from "~/modules/accounts/my-data.server";
import { getCurrentSession } from "~/modules/accounts/session.server";
import { sessionIdOf } from "~/modules/accounts/sessions.server";
import { requireLearner } from "~/modules/classes/access.server";

/** The learner's data as one readable page to keep or print (issue 14). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, db } = await requireLearner(request);
  const session = await getCurrentSession(request);
  const mine = await collectMyData(db, { learnerId: learner.id, currentSessionId: session ? sessionIdOf(session.token) : null });
  if (!mine) notFound();
  return myDataDownload(mine, "html", myDataHtml(mine, { locale, titles: await itemTitles(locale) }));
}
