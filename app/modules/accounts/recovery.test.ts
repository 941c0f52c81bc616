import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CODE_ALPHABET } from "~/modules/classes/codes";
import { formatRecoveryCode, generateRecoveryCode, normaliseRecoveryCode, splitRecoveryCode } from "./recovery";

describe("recovery codes", () => {
  it("are 12 symbols without look-alikes, printed in three groups", () => {
    const code = generateRecoveryCode(randomInt);
    expect(code).toHaveLength(12);
    expect([...code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
    expect(formatRecoveryCode("K7M3QXA9PRT4")).toBe("K7M3 QXA9 PRT4");
  });

  it("are read back however they are typed", () => {
    expect(normaliseRecoveryCode(" k7m3 qxa9-prt4 ")).toBe("K7M3QXA9PRT4");
    expect(normaliseRecoveryCode("K7M3QXA9PRT")).toBeNull();
    expect(normaliseRecoveryCode("K7M3QXA9PRT0")).toBeNull();
  });

  it("split into a selector and a secret", () => {
    expect(splitRecoveryCode("K7M3QXA9PRT4")).toEqual({ selector: "K7M3", secret: "QXA9PRT4" });
  });
});

describe("device labels", async () => {
  const { deviceLabel } = await import("./user-agent");
  it("keep only the system and the browser", () => {
    expect(deviceLabel("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36")).toBe(
      "Android · Chrome",
    );
    expect(
      deviceLabel("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1"),
    ).toBe("iOS · Safari");
    expect(deviceLabel("")).toBeNull();
  });
});
