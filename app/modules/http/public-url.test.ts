import { afterEach, describe, expect, it, vi } from "vitest";

const load = async (env: Record<string, string | undefined>) => {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import("./public-url.server");
};

afterEach(() => vi.unstubAllEnvs());

describe("the site's address", () => {
  it("is PUBLIC_URL's origin when set", async () => {
    const { siteOrigin, missingPublicUrl } = await load({ PUBLIC_URL: "https://hoc.example.vn/", PORT: "3000" });
    expect(siteOrigin()).toBe("https://hoc.example.vn");
    expect(missingPublicUrl()).toBeNull();
  });

  it("is localhost on the server's port without it, and says so; it takes nothing from a request", async () => {
    const { siteOrigin, missingPublicUrl } = await load({ PUBLIC_URL: undefined, PORT: "3123" });
    expect(siteOrigin()).toBe("http://localhost:3123");
    expect(missingPublicUrl()).toEqual({ origin: "http://localhost:3123" });
    expect(siteOrigin.length).toBe(0);
  });
});
