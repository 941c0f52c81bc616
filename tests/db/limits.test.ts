import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { migrateToLatest, openDatabase, type Database, type Dialect } from "#db/client";
import { blockedSeconds, clear, deleteExpiredLimits, limitKey, take, setLimitSpecs } from "~/modules/limits/limits.server";
import { dialects, POSTGRES_URL } from "./databases";

/** Two connections to one database, as two app servers would have. */
async function twoServers(dialect: Dialect): Promise<{ a: Database; b: Database; drop: () => Promise<void> }> {
  if (dialect === "sqlite") {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "limits-")), "db.sqlite");
    const { db: a } = await openDatabase({ sqlitePath: file });
    await migrateToLatest(a);
    const { db: b } = await openDatabase({ sqlitePath: file });
    return { a, b, drop: async () => (await a.destroy(), await b.destroy(), fs.rmSync(path.dirname(file), { recursive: true })) };
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const { db: a } = await openDatabase({ url: POSTGRES_URL, pgSchema: schema });
  await migrateToLatest(a);
  const { db: b } = await openDatabase({ url: POSTGRES_URL, pgSchema: schema });
  return {
    a,
    b,
    drop: async () => {
      await b.destroy();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(a);
      await a.destroy();
    },
  };
}

describe.each(dialects)("rate limits on %s", (dialect) => {
  let servers: Awaited<ReturnType<typeof twoServers>> | undefined;
  const get = async () => (servers ??= await twoServers(dialect));
  afterAll(async () => servers?.drop());
  afterEach(() => vi.useRealTimers());

  it("is shared by two app servers and ends with its window", async () => {
    const { a, b } = await get();
    for (const db of [a, b]) setLimitSpecs(db, { signupAddress: { points: 3, seconds: 60 } });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-01T08:00:00.000Z"));
    const use = [["signupAddress", ["203.0.113.7"]]] as const;
    expect(await take(a, [use[0]])).toEqual({ ok: true });
    expect(await take(b, [use[0]])).toEqual({ ok: true });
    expect(await take(a, [use[0]])).toEqual({ ok: true });
    expect(await take(b, [use[0]])).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(await blockedSeconds(a, "signupAddress", [["203.0.113.7"], ["203.0.113.8"]])).toEqual([60, 0]);
    vi.setSystemTime(new Date("2026-03-01T08:01:00.001Z"));
    expect(await take(a, [use[0]])).toEqual({ ok: true });
    await clear(b, [use[0]]);
    expect(await blockedSeconds(a, "signupAddress", [["203.0.113.7"]])).toEqual([0]);
  });

  it("never stores what the client sent: keys are a name and a SHA-256", async () => {
    const { a } = await get();
    const huge = "x".repeat(1_000_000);
    await take(a, [["loginPair", ["198.51.100.1", huge]]]);
    const rows = await a.selectFrom("rate_limits").select("key").execute();
    expect(rows.every((r) => /^[A-Za-z]+:[0-9a-f]{64}$/.test(r.key))).toBe(true);
    expect(rows.map((r) => r.key)).toContain(limitKey("loginPair", ["198.51.100.1", huge]));
    // Length-prefixed parts: moving the separator gives another key.
    expect(limitKey("loginPair", ["a|b", "c"])).not.toBe(limitKey("loginPair", ["a", "b|c"]));
  });

  it("deletes rows whose window has ended", async () => {
    const { a } = await get();
    setLimitSpecs(a, { verifyAddress: { points: 5, seconds: 1 } });
    await take(a, [["verifyAddress", ["192.0.2.1"]]]);
    const key = limitKey("verifyAddress", ["192.0.2.1"]);
    expect(await a.selectFrom("rate_limits").select("key").where("key", "=", key).executeTakeFirst()).toBeDefined();
    expect(await deleteExpiredLimits(a, Date.now() + 2000)).toBeGreaterThan(0);
    expect(await a.selectFrom("rate_limits").select("key").where("key", "=", key).executeTakeFirst()).toBeUndefined();
  });
});
