import fs from "node:fs";
import path from "node:path";
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type PostgresPool,
  type PostgresPoolClient,
  type SqliteDatabase,
} from "kysely";
import type { Database as BetterSqliteDatabase, Statement as BetterSqliteStatement } from "better-sqlite3";
import type { Pool as PgPool, PoolClient as PgPoolClient } from "pg";
import type { DB } from "./schema";
import { migrationProvider } from "./migrations";

export type Database = Kysely<DB>;
export type Dialect = "sqlite" | "postgres";

export interface DatabaseConfig {
  /** `postgres://…` selects PostgreSQL; anything else (or nothing) selects SQLite. */
  url?: string;
  /** SQLite file; ":memory:" for a throw-away database. */
  sqlitePath?: string;
  /** PostgreSQL schema to use (tests run each suite in a fresh schema). */
  pgSchema?: string;
  /** PostgreSQL connections this process may open (default 10). */
  poolSize?: number;
}

/** The PostgreSQL schema a database was opened in, for its migration tables. */
const schemaOf = new WeakMap<Database, string>();
/** The driver under a Kysely instance, for libraries that speak to it directly (the rate limiter). */
export type RawConnection = { dialect: "sqlite"; database: BetterSqliteDatabase } | { dialect: "postgres"; pool: PgPool };

const rawConnections = new WeakMap<Database, RawConnection>();

/** The better-sqlite3 database or the pg pool that this Kysely instance uses (the same connections). */
export function rawConnectionOf(db: Database): RawConnection {
  const raw = rawConnections.get(db);
  if (!raw) throw new Error("not a database opened by openDatabase");
  return raw;
}

/**
 * Transactions that take SQLite's write lock when they begin (BEGIN IMMEDIATE), not at their first
 * write: with several processes on one file (`npm start`'s workers), a transaction that read first
 * and then wrote would fail with SQLITE_BUSY (its snapshot is stale, so busy_timeout cannot help);
 * taking the lock first makes it wait its turn instead (up to busy_timeout).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;
  constructor(database: SqliteDatabase) {
    super({ database });
    this.#database = database;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
}

/** The SQL texts whose compiled statements are kept (most recently used first out last). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as Kysely sees it, with compiled statements kept by their SQL text. Kysely asks
 * better-sqlite3 to `prepare` every query anew, and compiling the SQL was the largest single cost
 * of an answer (a CPU profile of 200 learners answering: 11.5% of the server's time, more than
 * running the statements). Queries are built from the same few shapes with bound parameters, so
 * a few hundred texts cover the app; a statement still running (a stream being read) is never
 * handed out twice: a fresh one is compiled for the second use.
 */
export function withStatementCache(database: BetterSqliteDatabase, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, BetterSqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      const kept = cache.get(sql);
      if (kept && !kept.busy) {
        // Most recently used last: the first key is the one to drop.
        cache.delete(sql);
        cache.set(sql, kept);
        return kept;
      }
      const statement = database.prepare(sql);
      if (!kept) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

/**
 * The pool as Kysely sees it, with each query that has parameters sent as a named prepared
 * statement (the name stands for its SQL text): PostgreSQL parses and plans it once per
 * connection instead of on every call, which was most of its work for an answer's few small
 * statements. At most `size` texts get a name in this process (each connection keeps what it
 * prepared until it closes); any further text is sent unnamed, as before. Statements without
 * parameters (begin, commit, DDL) are always sent as they are. The raw pool (rawConnectionOf) is
 * untouched. A prepared statement outlives a change of schema only where its rows keep their
 * shape (PostgreSQL refuses "select *" of a table that gained a column): migrations run before a
 * process serves, never during.
 */
export function withNamedStatements(pool: PgPool, size = STATEMENT_CACHE_SIZE): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name && names.size < size) {
      name = `bdhvs_${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };
  const wrapped = new WeakMap<PgPoolClient, PostgresPoolClient>();
  return {
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      let wrapper = wrapped.get(client);
      if (!wrapper) {
        wrapper = {
          query: ((text: unknown, values?: readonly unknown[]) => {
            if (typeof text !== "string") return client.query(text as never);
            const name = values?.length ? nameOf(text) : undefined;
            return name ? client.query({ name, text, values: [...values!] }) : client.query(text, values ? [...values] : undefined);
          }) as unknown as PostgresPoolClient["query"],
          release: () => client.release(),
        };
        wrapped.set(client, wrapper);
      }
      return wrapper;
    },
  };
}

export function dialectOf(url: string | undefined): Dialect {
  return url && /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

export async function openDatabase(config: DatabaseConfig): Promise<{ db: Database; dialect: Dialect }> {
  const dialect = dialectOf(config.url);
  if (dialect === "postgres") {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize ?? 10,
      ...(config.pgSchema ? { options: `-c search_path=${config.pgSchema}` } : {}),
    });
    if (config.pgSchema) {
      const client = await pool.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${config.pgSchema.replace(/"/g, "")}"`);
      } finally {
        client.release();
      }
    }
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
    if (config.pgSchema) schemaOf.set(db, config.pgSchema);
    rawConnections.set(db, { dialect, pool });
    return { db, dialect };
  }
  const { default: SQLite } = await import("better-sqlite3");
  const file = config.sqlitePath ?? "data/app.sqlite";
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  database.pragma("synchronous = NORMAL");
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect(withStatementCache(database)) });
  rawConnections.set(db, { dialect, database });
  return { db, dialect };
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  // In a schema of its own, the migration tables are looked for there: without this, Kysely finds
  // another schema's kysely_migration_lock in the same database, skips creating its own and fails.
  const schema = schemaOf.get(db);
  const migrator = new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? "unknown error");
    throw new Error(`Migration ${failed?.migrationName ?? "?"} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
