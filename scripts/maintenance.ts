/**
 * `npm run maintenance`: the retention job (issue 14) on the database the server uses
 * (DATABASE_URL, or SQLITE_PATH): removes guest learners with no activity for
 * GUEST_RETENTION_MONTHS (default 12) with everything of theirs, expired sessions, invitations
 * never answered, expired or used reset codes and ended rate-limit windows. The server also runs
 * it every MAINTENANCE_INTERVAL_HOURS (default 24). Options: --months <n> overrides the period.
 */
import { migrateToLatest, openDatabase } from "#db/client";
import { getEnv } from "~/env.server";
import { runMaintenance } from "~/modules/accounts/retention.server";

const args = process.argv.slice(2);
const monthsIndex = args.indexOf("--months");
const env = getEnv();
const months = monthsIndex >= 0 ? Number(args[monthsIndex + 1]) : env.GUEST_RETENTION_MONTHS;
if (!Number.isInteger(months) || months < 1) {
  console.error("Usage: npm run maintenance [-- --months <whole number ≥ 1>]");
  process.exit(1);
}
const { db } = await openDatabase({ url: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH, pgSchema: env.DATABASE_SCHEMA });
try {
  await migrateToLatest(db);
  const result = await runMaintenance(db, { guestMonths: months });
  console.log(
    `Removed ${result.guests} guest learners inactive for ${months} months, ${result.sessions} expired sessions, ` +
      `${result.invitations} expired invitations, ${result.resetCodes} expired or used reset codes, ${result.limits} ended rate-limit windows.`,
  );
} finally {
  await db.destroy();
}
