import { describe, expect, it } from "vitest";
import { safeRedirect, safeRedirectPath } from "./redirect";

describe("safe redirects", () => {
  it("keep a page of this site in this language", () => {
    expect(safeRedirectPath("/vi/modules/scam-avoidance", "vi")).toBe("/vi/modules/scam-avoidance");
    expect(safeRedirectPath("/vi", "vi")).toBe("/vi");
    expect(safeRedirectPath("/vi/certificates/claim/x?y=1#z", "vi")).toBe("/vi/certificates/claim/x?y=1#z");
    expect(safeRedirectPath("/en/progress", "en")).toBe("/en/progress");
  });

  it("fall back for anything that could leave the site or break a header", () => {
    const hostile = [
      "//evil.example",
      "https://evil.example",
      "https://evil.example/vi/",
      "/%09/evil.example",
      "/\t/evil.example",
      "/vi/\t/evil.example",
      "/vi/\n",
      "/vi/\r",
      "/vi/\u0000",
      "/vi/\u2028",
      "/vi/\u2029",
      "/vi/\u200b",
      "/vi/%0d%0aSet-Cookie:x=1",
      "/vi/%2f%2fevil.example",
      "/vi//evil.example",
      "/vi/\\evil.example",
      "/\\evil.example",
      "/vi/../en",
      "/vi/./x",
      "/vi/ x",
      "/vix",
      "/en/modules",
      "vi/modules",
      "javascript:alert(1)",
      "/vi/%E0%A4%A",
      "/vi/" + "a".repeat(1000),
      "",
      null,
      undefined,
      42,
    ];
    for (const bad of hostile) expect(safeRedirectPath(bad, "vi"), JSON.stringify(bad)).toBeNull();
    expect(safeRedirect("//evil.example", "vi", "/vi/progress")).toBe("/vi/progress");
  });
});
