import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, withStatementCache } from "#db/client";

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
