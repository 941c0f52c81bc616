/**
 * `npm run units -- <command>`: administrative units on the database the server uses
 * (DATABASE_URL, or SQLITE_PATH for SQLite). Messages in Vietnamese, or English with --lang en.
 *
 *   import <file.csv>           the units list: header code,name,level,parent_code (UTF-8, with or
 *                               without BOM). Idempotent; all or nothing; ROOT_UNIT keeps one province.
 *   import-targets <file.csv>   targets: unit_code,year,audience,denominator,target_percent
 *   sample                      loads the fictional sample province (db/seed/sample-units.csv)
 *   list [<code>]               the provinces, or the units directly below <code>
 */
import fs from "node:fs";
import { migrateToLatest, openDatabase } from "#db/client";
import { getEnv } from "~/env.server";
import { translate } from "~/i18n/locale.server";
import { describeFileRefusal } from "~/modules/units/messages";
import { SAMPLE_UNITS_FILE } from "~/modules/units/sample.server";
import { importTargetsFile } from "~/modules/units/targets.server";
import { childUnits, importUnitsFile } from "~/modules/units/units.server";

const argv = process.argv.slice(2);
const langAt = argv.indexOf("--lang");
const lang = langAt >= 0 && argv[langAt + 1] === "en" ? "en" : "vi";
const [command, ...args] = langAt >= 0 ? argv.filter((_, i) => i !== langAt && i !== langAt + 1) : argv;
const t = (key: string, options?: Record<string, unknown>) => translate(lang, key, options);
const en = lang === "en";

function fail(lines: string[] | string): never {
  for (const line of [lines].flat()) console.error(line);
  process.exit(1);
}

function readFile(file: string | undefined): Uint8Array {
  if (!file) fail(en ? "Give the file: npm run units -- import <file.csv>" : "Hãy cho tên tệp: npm run units -- import <tệp.csv>");
  try {
    return fs.readFileSync(file);
  } catch {
    fail(en ? `Cannot read ${file}.` : `Không đọc được tệp ${file}.`);
  }
}

const env = getEnv();
const { db } = await openDatabase({ url: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH, pgSchema: env.DATABASE_SCHEMA });
try {
  await migrateToLatest(db);
  if (command === "import" || command === "sample") {
    const file = command === "sample" ? SAMPLE_UNITS_FILE : args[0];
    const result = await importUnitsFile(db, { bytes: readFile(file), rootCode: command === "sample" ? null : (env.ROOT_UNIT ?? null) });
    if (!result.ok) fail([en ? `${file}: nothing imported.` : `${file}: chưa nạp gì.`, ...describeFileRefusal(t, result, { max: 50 })]);
    const { insert, update, unchanged, outsideRoot } = result.plan;
    console.log(
      en
        ? `${file}: ${insert.length} units added, ${update.length} changed, ${unchanged} unchanged${outsideRoot ? `, ${outsideRoot} outside ROOT_UNIT ${env.ROOT_UNIT} left out` : ""}.`
        : `${file}: thêm ${insert.length} đơn vị, sửa ${update.length}, giữ nguyên ${unchanged}${outsideRoot ? `, bỏ qua ${outsideRoot} đơn vị ngoài ROOT_UNIT ${env.ROOT_UNIT}` : ""}.`,
    );
  } else if (command === "import-targets") {
    const result = await importTargetsFile(db, { bytes: readFile(args[0]), inScope: () => true });
    if (!result.ok) fail([t("units:targets.notImported"), ...describeFileRefusal(t, result, { max: 50 })]);
    console.log(t("units:targets.imported", { count: result.count }));
  } else if (command === "list") {
    for (const unit of await childUnits(db, args[0] ?? null)) console.log(`${unit.code}\t${unit.level}\t${unit.name}`);
  } else {
    fail("Commands: import <file.csv> | import-targets <file.csv> | sample | list [<code>]   (--lang en for English)");
  }
} finally {
  await db.destroy();
}
