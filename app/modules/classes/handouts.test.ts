import { describe, expect, it } from "vitest";
import { newHandoutKey, openPins, readHandoutCookie, sealPins } from "./handouts";

describe("sealed PIN handouts", () => {
  const pins = [
    { id: "0b9f6f2e-3c1a-4e7b-9a51-2f6d8c1e4a10", pin: "482913" },
    { id: "6c2d9a41-8e3b-4f10-b7a2-5d1e9c3f7b22", pin: "007351" },
  ];
  it("opens with the same key and the same handout, and never holds a PIN in clear", () => {
    const key = newHandoutKey();
    const sealed = sealPins(pins, key, { aad: "h1:c1" });
    expect(sealed).not.toContain("482913");
    expect(openPins(sealed, key, { aad: "h1:c1" })).toEqual(pins);
  });
  it("opens as null with another key, for another handout or class, or when a byte is changed", () => {
    const key = newHandoutKey();
    const sealed = sealPins(pins, key, { aad: "h1:c1" });
    expect(openPins(sealed, newHandoutKey(), { aad: "h1:c1" })).toBeNull();
    expect(openPins(sealed, key, { aad: "h1:c2" })).toBeNull();
    const bytes = Buffer.from(sealed, "base64url");
    bytes[20] = bytes[20]! ^ 1;
    expect(openPins(bytes.toString("base64url"), key, { aad: "h1:c1" })).toBeNull();
    expect(openPins("", key, { aad: "h1:c1" })).toBeNull();
    expect(openPins(sealed, "short", { aad: "h1:c1" })).toBeNull();
  });
  it("reads only well-formed cookie entries", () => {
    const good = `${pins[0]!.id}.${newHandoutKey()}`;
    expect(readHandoutCookie({ [pins[1]!.id]: good, "not-a-class": good, [pins[0]!.id]: "x.y" })).toEqual({ [pins[1]!.id]: good });
    expect(readHandoutCookie("text")).toEqual({});
    expect(readHandoutCookie(null)).toEqual({});
  });
});
