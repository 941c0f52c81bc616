import { createHash } from "node:crypto";
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite, type RateLimiterStoreAbstract } from "rate-limiter-flexible";
import { rawConnectionOf, type Database } from "#db/client";
import { getEnv } from "~/env.server";
import { limitSpecs, retrySeconds, type LimitName, type LimitSpec, type LimitUse, type Verdict } from "./limits";

/**
 * Rate limits counted in the database (table rate_limits, migration 0006) through
 * rate-limiter-flexible's SQLite and PostgreSQL stores, on the same connections as the app's
 * Kysely instance: several app servers share them. A key is the limit's name and the SHA-256 of
 * its parts, so no string a client sent (a 1 MB login name) is ever kept, in memory or on disk.
 */

const TABLE = "rate_limits";
const CLEANUP_EVERY_MS = 5 * 60_000;

type Specs = Record<LimitName, LimitSpec>;

interface Store {
  specs: Specs;
  limiters: Map<string, RateLimiterStoreAbstract>;
  cleanup?: ReturnType<typeof setInterval>;
}

const stores = new WeakMap<Database, Store>();

/** SHA-256 of the parts (length-prefixed, so ["a|b"] and ["a", "b"] differ): 64 hex digits. */
export function hashParts(parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest("hex");
}

/** The row key of a limit applied to these parts, as stored in rate_limits. */
export function limitKey(name: string, parts: readonly string[]): string {
  return `${name}:${hashParts(parts)}`;
}

function storeOf(db: Database): Store {
  let store = stores.get(db);
  if (!store) {
    store = { specs: limitSpecs(getEnv()), limiters: new Map() };
    stores.set(db, store);
    startCleanup(db, store);
  }
  return store;
}

/** Tests (and nothing else) set limits other than the environment's. */
export function setLimitSpecs(db: Database, specs: Partial<Specs>): void {
  const store = storeOf(db);
  store.specs = { ...store.specs, ...specs };
  store.limiters.clear();
}

function limiter(db: Database, prefix: string, points: number, seconds: number): RateLimiterStoreAbstract {
  const store = storeOf(db);
  const id = `${prefix}/${points}/${seconds}`;
  let found = store.limiters.get(id);
  if (!found) {
    const raw = rawConnectionOf(db);
    const common = { keyPrefix: prefix, points, duration: seconds, tableName: TABLE, tableCreated: true, clearExpiredByTimeout: false };
    found =
      raw.dialect === "sqlite"
        ? new RateLimiterSQLite({ ...common, storeClient: raw.database, storeType: "better-sqlite3" })
        : new RateLimiterPostgres({ ...common, storeClient: raw.pool, storeType: "pool" });
    store.limiters.set(id, found);
  }
  return found;
}

function limitersOf(db: Database, name: LimitName) {
  const spec = storeOf(db).specs[name];
  return {
    spec,
    main: limiter(db, name, spec.points, spec.seconds),
    slow: spec.slowdownSeconds !== undefined ? limiter(db, `${name}Slow`, 1, Math.max(1, spec.slowdownSeconds)) : null,
  };
}

async function consumeOne(db: Database, [name, parts]: LimitUse): Promise<Verdict> {
  const { main, slow } = limitersOf(db, name);
  const key = hashParts(parts);
  try {
    const used = await main.consume(key);
    // The try that uses the window's last point starts the slowdown: the next one waits.
    if (slow && used.remainingPoints === 0) await slow.consume(key).catch(() => undefined);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    if (!slow) return { ok: false, retryAfterSeconds: retrySeconds(error.msBeforeNext) };
    try {
      await slow.consume(key);
      return { ok: true };
    } catch (slowError) {
      if (!(slowError instanceof RateLimiterRes)) throw slowError;
      return { ok: false, retryAfterSeconds: retrySeconds(Math.min(slowError.msBeforeNext, error.msBeforeNext)) };
    }
  }
}

/**
 * Takes one point from each limit (before the work it guards, so that parallel requests cannot
 * slip past). Refused when any of them is used up: retry after the longest wait.
 */
export async function take(db: Database, uses: readonly LimitUse[]): Promise<Verdict> {
  const verdicts = await Promise.all(uses.map((use) => consumeOne(db, use)));
  const waits = verdicts.flatMap((v) => (v.ok ? [] : [v.retryAfterSeconds]));
  if (!waits.length) return { ok: true };
  // A refused try did no work: the other limits get their point back, so that hammering while
  // told to wait cannot use up, say, an account's hourly allowance.
  await giveBack(
    db,
    uses.filter((_, i) => verdicts[i]!.ok),
  );
  return { ok: false, retryAfterSeconds: Math.max(...waits) };
}

/** Gives back the point taken (the attempt turned out not to be a failure). */
export async function giveBack(db: Database, uses: readonly LimitUse[]): Promise<void> {
  await Promise.all(uses.map(([name, parts]) => limitersOf(db, name).main.reward(hashParts(parts))));
}

/** Forgets a limit's count for these parts (a right password, a new PIN). */
export async function clear(db: Database, uses: readonly LimitUse[]): Promise<void> {
  await Promise.all(
    uses.map(async ([name, parts]) => {
      const { main, slow } = limitersOf(db, name);
      const key = hashParts(parts);
      await Promise.all([main.delete(key), slow?.delete(key)]);
    }),
  );
}

/** Seconds until each key of one limit may be used again (0 when it may now), without taking a point. */
export async function blockedSeconds(db: Database, name: LimitName, partsList: readonly (readonly string[])[]): Promise<number[]> {
  const { spec, main } = limitersOf(db, name);
  return Promise.all(
    partsList.map(async (parts) => {
      const res = await main.get(hashParts(parts));
      return res && res.consumedPoints >= spec.points ? retrySeconds(res.msBeforeNext) : 0;
    }),
  );
}

/** Deletes rows whose window has ended (on a timer; also called by tests). */
export async function deleteExpiredLimits(db: Database, now = Date.now()): Promise<number> {
  const result = await db.deleteFrom("rate_limits").where("expire", "<", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

function startCleanup(db: Database, store: Store): void {
  store.cleanup = setInterval(() => {
    deleteExpiredLimits(db).catch((error) => console.error("rate limit cleanup failed", error));
  }, CLEANUP_EVERY_MS);
  store.cleanup.unref();
}
