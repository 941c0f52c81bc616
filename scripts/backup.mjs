// `npm run backup -- [file]`: a consistent copy of the database the server uses, taken while it runs.
// - SQLite (SQLITE_PATH): SQLite's online backup API (better-sqlite3's db.backup), then the copy's
//   integrity_check. Default file: backups/<name>-<date>.sqlite.
// - PostgreSQL (DATABASE_URL, DATABASE_SCHEMA): pg_dump in its custom format (the PostgreSQL client
//   must be installed): pg_dump --format=custom --no-owner [--schema=S] --file=F URL
//
// `npm run backup -- restore <file> --yes`: puts a backup back, replacing the database's contents.
// Stop the app servers first.
// - SQLite: the copy is checked, then written over SQLITE_PATH (its -wal and -shm files removed).
// - PostgreSQL: pg_restore --clean --if-exists --no-owner --single-transaction --dbname=URL FILE
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

const args = process.argv.slice(2);
const url = process.env.DATABASE_URL;
const postgres = !!url && /^postgres(ql)?:\/\//.test(url);
const schema = process.env.DATABASE_SCHEMA;
const sqlitePath = process.env.SQLITE_PATH ?? "data/app.sqlite";
const stamp = new Date().toISOString().replace(/[:.]/g, "-");

function fail(message) {
  console.error(message);
  process.exit(1);
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { stdio: ["ignore", "inherit", "inherit"] });
  if (result.error)
    fail(`${command} could not run (${result.error.message}): install the PostgreSQL client (apt-get install postgresql-client).`);
  if (result.status !== 0) fail(`${command} failed (exit ${result.status}).`);
}

function checkSqlite(file) {
  const copy = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const result = copy.pragma("integrity_check", { simple: true });
    if (result !== "ok") fail(`${file} is damaged: ${result}`);
    return copy.prepare("select count(*) as n from learners").get().n;
  } finally {
    copy.close();
  }
}

if (args[0] === "restore") {
  const file = args[1];
  if (!file || !fs.existsSync(file)) fail("Usage: npm run backup -- restore <file> --yes (the file must exist)");
  if (!args.includes("--yes")) {
    fail(
      `This replaces everything in ${postgres ? `the PostgreSQL database${schema ? ` (schema ${schema})` : ""}` : sqlitePath} with ${file}.\nStop the app servers, then run again with --yes.`,
    );
  }
  if (postgres) {
    run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", `--dbname=${url}`, file]);
    console.log(`restored ${file} into the PostgreSQL database${schema ? ` (schema ${schema})` : ""}`);
  } else {
    const learners = checkSqlite(file);
    fs.mkdirSync(path.dirname(path.resolve(sqlitePath)), { recursive: true });
    const temporary = `${sqlitePath}.restoring`;
    fs.copyFileSync(file, temporary);
    for (const extra of ["-wal", "-shm"]) fs.rmSync(`${sqlitePath}${extra}`, { force: true });
    fs.renameSync(temporary, sqlitePath);
    console.log(`restored ${file} to ${sqlitePath}: integrity ok, ${learners} learners`);
  }
} else if (postgres) {
  const file = args[0] ?? path.join("backups", `postgres${schema ? `-${schema}` : ""}-${stamp}.dump`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  run("pg_dump", ["--format=custom", "--no-owner", ...(schema ? [`--schema=${schema}`] : []), `--file=${file}`, url]);
  console.log(
    `backup written: ${file} (${fs.statSync(file).size} bytes, pg_dump custom format; restore with npm run backup -- restore ${file} --yes)`,
  );
} else {
  if (!fs.existsSync(sqlitePath)) fail(`No database at ${sqlitePath} (SQLITE_PATH).`);
  const file = args[0] ?? path.join("backups", `${path.basename(sqlitePath, ".sqlite")}-${stamp}.sqlite`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const source = new SQLite(sqlitePath, { fileMustExist: true });
  source.pragma("busy_timeout = 5000");
  // Online: the server keeps reading and writing; the copy is one consistent moment.
  await source.backup(file);
  source.close();
  const learners = checkSqlite(file);
  console.log(`backup written: ${file} (${fs.statSync(file).size} bytes, integrity ok, ${learners} learners)`);
}
