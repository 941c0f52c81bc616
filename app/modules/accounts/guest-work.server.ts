import { createCookie, type Cookie } from "@remix-run/node";
import type { Database } from "#db/client";
import { isHttps } from "~/modules/http/https";
import { GUEST_WORK_HOURS, offeredSince, offerFor, readGuestWorkOffer, writeGuestWorkOffer, type GuestWorkOffer } from "./guest-work";
import { mergeGuestIntoAccount } from "./learners.server";
import { sessionSecret } from "./session.server";

let cookie: Cookie | undefined;

/** Signed and HttpOnly, like the device list: nobody can name another guest in it by hand. */
function offerCookie(): Cookie {
  cookie ??= createCookie("__guest_work", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: GUEST_WORK_HOURS * 3600,
    secrets: [sessionSecret()],
  });
  return cookie;
}

export async function offerCookieHeader(request: Request, offer: GuestWorkOffer): Promise<string> {
  return offerCookie().serialize(writeGuestWorkOffer(offer), { secure: isHttps(request) });
}

export async function clearOfferHeader(request: Request): Promise<string> {
  return offerCookie().serialize("", { maxAge: 0, expires: new Date(0), secure: isHttps(request) });
}

/** The offer this phone holds for `learnerId`, if any. */
export async function readOffer(request: Request, learnerId: string | undefined): Promise<GuestWorkOffer | null> {
  const header = request.headers.get("Cookie");
  if (!header || !header.includes("__guest_work=")) return null;
  return offerFor(readGuestWorkOffer(await offerCookie().parse(header)), learnerId);
}

/** What a guest did in the last hours (newest first), or nothing if the profile is no guest's. */
export async function recentGuestWork(db: Database, { guestId, now = new Date() }: { guestId: string; now?: Date }) {
  return db
    .selectFrom("attempts")
    .innerJoin("learners", "learners.id", "attempts.learner_id")
    .select([
      "attempts.id",
      "attempts.item_kind",
      "attempts.item_id",
      "attempts.module_id",
      "attempts.correct_count",
      "attempts.total_count",
      "attempts.passed",
      "attempts.created_at",
    ])
    .where("attempts.learner_id", "=", guestId)
    .where("learners.kind", "=", "guest")
    .where("attempts.created_at", ">", offeredSince(now))
    .orderBy("attempts.created_at", "desc")
    .limit(50)
    .execute();
}

/** The learner takes the guest's work: the same move as a password log-in makes (decision 4). */
export async function takeGuestWork(db: Database, offer: GuestWorkOffer): Promise<number> {
  return mergeGuestIntoAccount(db, { guestId: offer.guestId, accountId: offer.learnerId });
}
