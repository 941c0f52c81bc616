import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "#db/client";

describe("SQLite prepared statements kept by their SQL (db/client.ts)", () => {
  it("prepares a query once and gives the same statement for the same SQL", () => {
    const database = new SQLite(":memory:");
    const prepared: string[] = [];
    const prepare = database.prepare.bind(database);
    database.prepare = ((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof database.prepare;
    const cached = withStatementCache(database);
    cached.prepare("create table t (id integer primary key, v text)").run();
    for (let i = 0; i < 5; i++) cached.prepare("insert into t (v) values (?)").run(`v${i}`);
    expect(cached.prepare("select count(*) as n from t").get()).toEqual({ n: 5 });
    expect(prepared.filter((sql) => sql.startsWith("insert")).length).toBe(1);
    cached.close();
  });

  it("gives a fresh statement while the kept one is still being iterated", () => {
    const database = new SQLite(":memory:");
    const cached = withStatementCache(database);
    cached.prepare("create table t (v integer)").run();
    for (let i = 0; i < 3; i++) cached.prepare("insert into t values (?)").run(i);
    const sql = "select v from t order by v";
    const iterator = cached.prepare(sql).iterate() as IterableIterator<{ v: number }>;
    expect(iterator.next().value).toEqual({ v: 0 });
    // The kept statement is busy: reusing it would throw "This statement is busy executing a query".
    expect(cached.prepare(sql).all()).toEqual([{ v: 0 }, { v: 1 }, { v: 2 }]);
    expect([...iterator]).toEqual([{ v: 1 }, { v: 2 }]);
    cached.close();
  });

  it("keeps at most `max` statements, the least recently used leaving first, and still answers after a schema change", () => {
    const database = new SQLite(":memory:");
    const cached = withStatementCache(database, 2);
    cached.prepare("create table t (a integer)").run();
    cached.prepare("insert into t values (1)").run();
    const select = cached.prepare("select * from t");
    expect(select.all()).toEqual([{ a: 1 }]);
    cached.prepare("alter table t add column b integer").run();
    // The same statement object (re-prepared by SQLite itself) sees the new column.
    expect(cached.prepare("select * from t")).toBe(select);
    expect(cached.prepare("select * from t").all()).toEqual([{ a: 1, b: null }]);
    cached.prepare("select 1");
    cached.prepare("select 2");
    expect(cached.prepare("select * from t")).not.toBe(select);
    cached.close();
  });
});
