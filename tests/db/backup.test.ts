import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, type Database } from "#db/client";
import { createGuest } from "~/modules/accounts/learners.server";
import { dialects, POSTGRES_URL } from "./databases";

/**
 * Issue 15, part 5: `npm run backup` and its restore, as an operator runs them (the script itself,
 * with the server's environment), on a database that is being written while the backup is taken.
 */
const run = promisify(execFile);
const backup = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ["scripts/backup.mjs", ...args], { env: { ...process.env, DATABASE_URL: "", ...env } });

const count = async (db: Database) =>
  Number(
    (
      await db
        .selectFrom("learners")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(dialects)("backup and restore on %s", (dialect) => {
  it("copies a database in use, and the restore brings back what it held then", { timeout: 60_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bdhvs-backup-"));
    const schema = `test_backup_${randomBytes(5).toString("hex")}`;
    const env: Record<string, string> =
      dialect === "sqlite" ? { SQLITE_PATH: path.join(dir, "app.sqlite") } : { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema };
    const { db } = await openDatabase(dialect === "sqlite" ? { sqlitePath: env.SQLITE_PATH } : { url: POSTGRES_URL, pgSchema: schema });
    try {
      await migrateToLatest(db);
      const kept = await createGuest(db);
      for (let i = 0; i < 49; i++) await createGuest(db);
      // Writes go on while the backup runs: the copy is one consistent moment, 50 learners or more.
      let writing = true;
      const writer = (async () => {
        while (writing) {
          await createGuest(db);
          // SQLite answers at once: yield, so that the backup's exit is heard.
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      })();
      const file = path.join(dir, dialect === "sqlite" ? "copy.sqlite" : "copy.dump");
      const made = await backup([file], env);
      writing = false;
      await writer;
      expect(made.stdout).toContain(`backup written: ${file}`);
      if (dialect === "sqlite") expect(made.stdout).toContain("integrity ok");
      const atBackup = dialect === "sqlite" ? Number(/(\d+) learners/.exec(made.stdout)![1]) : null;
      if (atBackup !== null) expect(atBackup).toBeGreaterThanOrEqual(50);

      // Something is lost after the backup: a learner deleted, others added.
      await db.deleteFrom("learners").where("id", "=", kept.id).execute();
      const later: string[] = [];
      for (let i = 0; i < 5; i++) later.push((await createGuest(db)).id);

      // The restore refuses without --yes and says what it would replace.
      const refused = await backup(["restore", file], env).catch((e: { code: number; stderr: string }) => e);
      expect("code" in refused && refused.code).toBe(1);
      expect((refused as { stderr: string }).stderr).toContain("Stop the app servers, then run again with --yes");

      if (dialect === "sqlite") await db.destroy();
      const restored = await backup(["restore", file, "--yes"], env);
      expect(restored.stdout).toContain("restored");
      const { db: after } = await openDatabase(
        dialect === "sqlite" ? { sqlitePath: env.SQLITE_PATH } : { url: POSTGRES_URL, pgSchema: schema },
      );
      try {
        expect(await after.selectFrom("learners").select("id").where("id", "=", kept.id).executeTakeFirst()).toEqual({ id: kept.id });
        if (atBackup !== null) expect(await count(after)).toBe(atBackup);
        expect(await count(after)).toBeGreaterThanOrEqual(50);
        expect(await after.selectFrom("learners").select("id").where("id", "in", later).execute()).toEqual([]);
        // Migrations are where they were: nothing left to apply, and writes work.
        expect(await migrateToLatest(after)).toEqual([]);
        await createGuest(after);
      } finally {
        if (dialect === "postgres") await sql`drop schema ${sql.id(schema)} cascade`.execute(after);
        await after.destroy();
      }
    } finally {
      if (dialect === "postgres") await db.destroy().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
