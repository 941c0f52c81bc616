import type { Params } from "@remix-run/react";
import type { Database } from "#db/client";
import type { Class, Learner } from "#db/schema";
import { getDb } from "~/db.server";
import { notFound, requireLocale } from "~/i18n/locale.server";
import { requireRole } from "~/modules/accounts/roles.server";
import { refuse } from "~/modules/accounts/refuse.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { getMemberOfOwnedClass, getOwnedClass } from "./classes.server";

/**
 * Who may see what, checked on the server by every loader and action of this module. Anything a
 * person may not see is a 404, so that other people's classes and learners do not even appear to
 * exist.
 */

/** An instructor's page: the signed-in account with the instructor role, or a 404. */
export async function requireInstructor(request: Request): Promise<{ instructor: Learner; db: Database }> {
  const instructor = await requireRole(request, "instructor");
  return { instructor, db: await getDb() };
}

/** A page about one class: only for the instructor who owns it. */
export async function requireOwnedClass(
  request: Request,
  params: Params,
): Promise<{ locale: string; instructor: Learner; klass: Class; db: Database }> {
  const locale = requireLocale(params);
  const { instructor, db } = await requireInstructor(request);
  const klass = await getOwnedClass(db, { classId: params.classId ?? "", ownerId: instructor.id });
  if (!klass) notFound();
  return { locale, instructor, klass, db };
}

/** A page about one current member of a class (:learnerId): only for the class's instructor. */
export async function requireMemberOfOwnedClass(request: Request, params: Params) {
  const found = await requireOwnedClass(request, params);
  const member = await getMemberOfOwnedClass(found.db, {
    classId: found.klass.id,
    ownerId: found.instructor.id,
    learnerId: params.learnerId ?? "",
  });
  if (!member) notFound();
  return { ...found, member };
}

/**
 * Pages about a person's own links (following, sharing): any signed-in learner; visitors are asked
 * to log in. A page that needs an account asks a guest to log in too (their work comes along).
 */
export async function requireLearner(request: Request, { account = false } = {}): Promise<{ learner: Learner; db: Database }> {
  const learner = await getCurrentLearner(request);
  if (!learner || (account && learner.kind !== "account")) refuse(request, { signedIn: false });
  return { learner, db: await getDb() };
}
