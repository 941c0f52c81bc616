/**
 * Certificates from the command line, on the database the server uses (DATABASE_URL, or
 * SQLITE_PATH for SQLite):
 *
 *   npm run certificates -- show <code>
 *   npm run certificates -- revoke <code> --reason "<why>" [--allow-reissue]
 *
 * The same as the administrators' page /<lang>/admin/certificates. `--allow-reissue` lets the
 * learner claim a new certificate (e.g. after a misprinted name); without it they cannot.
 */
import { parseArgs } from "node:util";
import { migrateToLatest, openDatabase } from "#db/client";
import { getEnv } from "~/env.server";
import { parseCode } from "~/modules/certificates/code";
import { findCertificate, normaliseReason, revokeCertificate } from "~/modules/certificates/store.server";
import { recordAudit } from "~/modules/audit/audit.server";

const usage = `Usage:
  npm run certificates -- show <code>
  npm run certificates -- revoke <code> --reason "<reason>" [--allow-reissue]`;

function fail(message: string, status = 1): never {
  console.error(message);
  process.exit(status);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { reason: { type: "string" }, "allow-reissue": { type: "boolean", default: false } },
});
const [command, rawCode] = positionals;
if ((command !== "show" && command !== "revoke") || !rawCode) fail(usage, 2);
const parsed = parseCode(rawCode);
if (!parsed.ok) fail(`"${rawCode}" is not a certificate code (${parsed.error}).`, 2);
const reason = command === "revoke" ? normaliseReason(values.reason) : null;
if (command === "revoke" && !reason) fail('--reason is required: 3 to 500 characters, e.g. --reason "Issued to the wrong person".', 2);

const env = getEnv();
const { db } = await openDatabase({ url: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH });
try {
  await migrateToLatest(db);
  if (command === "revoke") {
    const result = await revokeCertificate(db, { code: parsed.code, reason: reason!, by: null, allowReissue: values["allow-reissue"] });
    if (!result.ok)
      fail(result.reason === "unknown" ? `No certificate has the code ${parsed.code}.` : `${parsed.code} was already revoked.`);
    await recordAudit(db, {
      actorId: null,
      action: "certificate.revoke",
      subjectId: result.certificate.learnerId,
      detail: { code: parsed.code, reason: reason! },
    });
    console.log(`Revoked ${parsed.code}.${values["allow-reissue"] ? " The learner may claim a new certificate." : ""}`);
  }
  const c = await findCertificate(db, { code: parsed.code });
  if (!c) fail(`No certificate has the code ${parsed.code}.`);
  const { code, kind, subjectId, printedName, completedAt, issuedAt, revoked, reissueAllowed } = c;
  console.log(
    JSON.stringify({ code, kind, subject: subjectId, name: printedName, completedAt, issuedAt, revoked, reissueAllowed }, null, 2),
  );
} finally {
  await db.destroy();
}
