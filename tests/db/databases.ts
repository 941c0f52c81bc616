import { afterAll, beforeAll } from "vitest";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { migrateToLatest, openDatabase, type Database, type Dialect } from "#db/client";

/** Where the PostgreSQL half of the suite runs (this machine's local server by default). */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export const dialects: Dialect[] = process.env.SKIP_POSTGRES === "1" && !process.env.CI ? ["sqlite"] : ["sqlite", "postgres"];

/** A fresh, migrated database: SQLite in memory, or a new PostgreSQL schema dropped afterwards. */
export async function freshDatabase(dialect: Dialect): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (dialect === "sqlite") {
    const { db } = await openDatabase({ sqlitePath: ":memory:" });
    await migrateToLatest(db);
    return { db, drop: () => db.destroy() };
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const { db } = await openDatabase({ url: POSTGRES_URL, pgSchema: schema });
  await migrateToLatest(db);
  return {
    db,
    drop: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
      await db.destroy();
    },
  };
}

/**
 * Gives the enclosing `describe` a fresh migrated database of this dialect for its tests,
 * dropped afterwards: `let db: Database; useFreshDatabase(dialect, (fresh) => (db = fresh));`
 */
export function useFreshDatabase(dialect: Dialect, receive: (db: Database) => void): void {
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const fresh = await freshDatabase(dialect);
    drop = fresh.drop;
    receive(fresh.db);
  });
  afterAll(async () => {
    await drop?.();
  });
}
