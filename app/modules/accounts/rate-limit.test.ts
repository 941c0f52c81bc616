import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./rate-limit.server";

describe("FailureLimiter", () => {
  it("blocks after the limit and lets the key try again when the window ends", () => {
    let now = 0;
    const limiter = new FailureLimiter(3, 1000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter("k")).toBe(0);
      limiter.fail("k");
    }
    expect(limiter.retryAfter("k")).toBe(1000);
    expect(limiter.retryAfter("other")).toBe(0);
    now = 1000;
    expect(limiter.retryAfter("k")).toBe(0);
  });
  it("forgets failures after a success", () => {
    const limiter = new FailureLimiter(1, 1000, () => 0);
    limiter.fail("k");
    limiter.succeed("k");
    expect(limiter.retryAfter("k")).toBe(0);
  });
});
