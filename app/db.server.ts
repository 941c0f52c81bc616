import { sql } from "kysely";
import { migrateToLatest, openDatabase, type Database } from "#db/client";
import { getEnv } from "./env.server";

let opening: Promise<Database> | undefined;

/** The process's one database, migrated before first use. */
export function getDb(): Promise<Database> {
  if (!opening) {
    const env = getEnv();
    opening = (async () => {
      const { db } = await openDatabase({ url: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH });
      await migrateToLatest(db);
      return db;
    })();
    opening.catch(() => {
      opening = undefined;
    });
  }
  return opening;
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
