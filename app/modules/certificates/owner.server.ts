import type { Params } from "@remix-run/react";
import { getDb } from "~/db.server";
import { requireLocale } from "~/i18n/locale.server";
import { refuse } from "~/modules/accounts/refuse.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { parseCode } from "./code";
import { findOwnCertificate, type CertificateRecord } from "./store.server";

/**
 * The signed-in learner's own certificate named in the URL, or a 404: someone else's certificate,
 * a guest, a visitor and a malformed code all get the same answer (anyone may still verify it).
 */
export async function requireOwnCertificate(request: Request, params: Params): Promise<{ locale: string; certificate: CertificateRecord }> {
  const locale = requireLocale(params);
  const parsed = parseCode(params.code ?? "");
  const learner = await getCurrentLearner(request);
  if (!learner) refuse(request, { signedIn: false });
  if (!parsed.ok || learner.kind !== "account") throw new Response(null, { status: 404 });
  const certificate = await findOwnCertificate(await getDb(), { learnerId: learner.id, code: parsed.code });
  if (!certificate) throw new Response(null, { status: 404 });
  return { locale, certificate };
}
