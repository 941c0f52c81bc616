import { describe, expect, it } from "vitest";
import { offerFor, offeredSince, readGuestWorkOffer, writeGuestWorkOffer } from "./guest-work";

const guest = "11111111-1111-4111-8111-111111111111";
const learner = "22222222-2222-4222-8222-222222222222";

describe("a guest's work offered after a PIN log-in", () => {
  it("round-trips through the cookie and holds only for the learner it was made for", () => {
    const offer = readGuestWorkOffer(writeGuestWorkOffer({ guestId: guest, learnerId: learner }));
    expect(offer).toEqual({ guestId: guest, learnerId: learner });
    expect(offerFor(offer, learner)).toEqual(offer);
    expect(offerFor(offer, guest)).toBeNull();
    expect(offerFor(offer, undefined)).toBeNull();
  });

  it("reads anything odd as no offer", () => {
    for (const value of [null, "x", 3, [], { g: guest }, { g: "../x", l: learner }, { g: guest, l: guest }])
      expect(readGuestWorkOffer(value)).toBeNull();
  });

  it("offers the last six hours", () => {
    expect(offeredSince(new Date("2026-11-24T12:00:00Z"))).toBe("2026-11-24T06:00:00.000Z");
  });
});
