import Database from "better-sqlite3";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, rawConnectionOf, withNamedStatements, withStatementCache } from "#db/client";
import { dialects, freshDatabase, POSTGRES_URL } from "./databases";

describe("SQLite statements kept by their text (db/client.ts)", () => {
  it("compiles a text once and hands the same statement back", () => {
    const database = new Database(":memory:");
    const cached = withStatementCache(database);
    const first = cached.prepare("select ? as x");
    expect(cached.prepare("select ? as x")).toBe(first);
    expect(cached.prepare("select ? + 1 as x")).not.toBe(first);
    expect(first.all([41])).toEqual([{ x: 41 }]);
    database.close();
  });

  it("keeps at most `size` texts, dropping the least recently used", () => {
    const database = new Database(":memory:");
    const cached = withStatementCache(database, 2);
    const a = cached.prepare("select 1");
    const b = cached.prepare("select 2");
    expect(cached.prepare("select 1")).toBe(a); // "select 2" is now the least recently used
    cached.prepare("select 3");
    expect(cached.prepare("select 1")).toBe(a);
    expect(cached.prepare("select 2")).not.toBe(b);
    database.close();
  });

  it("never hands out a statement that is still being read", () => {
    const database = new Database(":memory:");
    const cached = withStatementCache(database);
    const reading = cached.prepare("select value from json_each('[1,2,3]')");
    const rows = reading.iterate([]);
    rows.next();
    const second = cached.prepare("select value from json_each('[1,2,3]')");
    expect(second).not.toBe(reading);
    expect(second.all([])).toHaveLength(3);
    rows.return?.();
    expect(cached.prepare("select value from json_each('[1,2,3]')")).toBe(reading);
    database.close();
  });

  it("sees a table's new columns after a change of schema", async () => {
    const { db } = await openDatabase({ sqlitePath: ":memory:" });
    await migrateToLatest(db);
    await db.schema.createTable("t").addColumn("a", "integer").execute();
    await db
      .insertInto("t" as never)
      .values({ a: 1 } as never)
      .execute();
    const all = () =>
      db
        .selectFrom("t" as never)
        .selectAll()
        .execute();
    expect(await all()).toEqual([{ a: 1 }]);
    await db.schema.alterTable("t").addColumn("b", "text").execute();
    expect(await all()).toEqual([{ a: 1, b: null }]);
    await db.destroy();
  });
});

describe("PostgreSQL statements prepared once per connection (db/client.ts)", () => {
  it.skipIf(!dialects.includes("postgres"))("names each query with parameters, and sends the rest as they are", async () => {
    const { db, drop } = await freshDatabase("postgres");
    try {
      const raw = rawConnectionOf(db);
      if (raw.dialect !== "postgres") throw new Error("not postgres");
      await db.transaction().execute(async (trx) => {
        for (const n of [1, 2, 3]) expect((await sql<{ x: number }>`select ${n}::int + 1 as x`.execute(trx)).rows).toEqual([{ x: n + 1 }]);
        await sql`select 42 as fixed`.execute(trx);
        const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx);
        // The one text with a parameter is prepared once on this connection; the fixed one is not.
        expect(prepared.rows.filter((r) => r.statement.includes("::int + 1"))).toHaveLength(1);
        expect(prepared.rows.some((r) => r.statement.includes("42 as fixed"))).toBe(false);
      });
    } finally {
      await drop();
    }
  });

  it.skipIf(!dialects.includes("postgres"))("sends texts beyond its bound unnamed, with the same results", async () => {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 1 });
    const named = withNamedStatements(pool, 1);
    const client = await named.connect();
    try {
      expect((await client.query<{ x: number }>("select $1::int as x", [1])).rows).toEqual([{ x: 1 }]);
      expect((await client.query<{ y: number }>("select $1::int as y", [2])).rows).toEqual([{ y: 2 }]);
      expect((await client.query<{ x: number }>("select $1::int as x", [3])).rows).toEqual([{ x: 3 }]);
      const prepared = await client.query<{ name: string }>("select name from pg_prepared_statements", []);
      expect(prepared.rows.map((r) => r.name)).toEqual(["bdhvs_1"]);
    } finally {
      client.release();
      await named.end();
    }
  });
});
