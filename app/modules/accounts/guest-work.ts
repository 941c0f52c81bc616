/**
 * "Bài vừa làm trên máy này có phải của bác không?" (issue 18). A PIN log-in never takes a guest's
 * work by itself: on a shared phone the guest is often someone else. Instead the phone keeps, for a
 * few hours, an offer naming the guest and the learner who just logged in; the learner sees what
 * the guest did and takes it with one tap, or says it is not theirs.
 */

/** How far back a guest's work on this phone is offered (a class lasts an afternoon). */
export const GUEST_WORK_HOURS = 6;

export interface GuestWorkOffer {
  /** The guest whose work is offered. */
  guestId: string;
  /** The learner who logged in with a PIN on this phone: the only one who may take it. */
  learnerId: string;
}

const ID = /^[0-9a-f-]{36}$/;

/** Reads the signed cookie's value defensively: anything odd is no offer, never an error. */
export function readGuestWorkOffer(value: unknown): GuestWorkOffer | null {
  if (!value || typeof value !== "object") return null;
  const { g, l } = value as { g?: unknown; l?: unknown };
  if (typeof g !== "string" || typeof l !== "string" || !ID.test(g) || !ID.test(l) || g === l) return null;
  return { guestId: g, learnerId: l };
}

/** The offer as the cookie stores it. */
export function writeGuestWorkOffer(offer: GuestWorkOffer): { g: string; l: string } {
  return { g: offer.guestId, l: offer.learnerId };
}

/** The offer holds only for the learner it was made for. */
export function offerFor(offer: GuestWorkOffer | null, learnerId: string | undefined): GuestWorkOffer | null {
  return offer && learnerId && offer.learnerId === learnerId ? offer : null;
}

/** The earliest attempt time still offered. */
export function offeredSince(now: Date): string {
  return new Date(now.getTime() - GUEST_WORK_HOURS * 3_600_000).toISOString();
}
