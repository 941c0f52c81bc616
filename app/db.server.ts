import { sql } from "kysely";
import { migrateToLatest, openDatabase, rawConnectionOf, type Database } from "#db/client";
import { getEnv } from "./env.server";

let opening: Promise<Database> | undefined;
let opened: Database | undefined;

/** The process's one database, migrated before first use. */
export function getDb(): Promise<Database> {
  if (!opening) {
    const env = getEnv();
    opening = (async () => {
      const { db } = await openDatabase({
        url: env.DATABASE_URL,
        sqlitePath: env.SQLITE_PATH,
        pgSchema: env.DATABASE_SCHEMA,
        poolSize: env.DATABASE_POOL_SIZE,
      });
      await migrateToLatest(db);
      opened = db;
      return db;
    })();
    opening.catch(() => {
      opening = undefined;
    });
  }
  return opening;
}

/** Closes the process's database (graceful shutdown): waits for queries in flight, then ends the connections. */
export async function closeDb(): Promise<void> {
  const current = opening;
  opening = undefined;
  opened = undefined;
  if (current) await (await current.catch(() => null))?.destroy();
}

/** The connection pool's state, for /metrics (SQLite: one connection, never waiting). */
export function databaseStats(): { dialect: string; total: number; idle: number; waiting: number } {
  if (!opened) return { dialect: "none", total: 0, idle: 0, waiting: 0 };
  const raw = rawConnectionOf(opened);
  if (raw.dialect === "sqlite") return { dialect: "sqlite", total: 1, idle: 1, waiting: 0 };
  return { dialect: "postgres", total: raw.pool.totalCount, idle: raw.pool.idleCount, waiting: raw.pool.waitingCount };
}

export async function pingDatabase(): Promise<boolean> {
  try {
    const db = await getDb();
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
