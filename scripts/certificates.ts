/**
 * Certificates from the command line, on the database the server uses (DATABASE_URL, or
 * SQLITE_PATH for SQLite):
 *
 *   npm run certificates -- show <code>
 *   npm run certificates -- revoke <code> --reason "<why>" [--allow-reissue]
 *   npm run certificates -- rotate-key
 *   npm run certificates -- keys
 *   npm run certificates -- revoke-key <key id> --reason "<why>"
 *
 * rotate-key makes a new signing key current (in DATA_DIR; with CERT_SIGNING_KEY set it prints a
 * new key for the operator to set on every server instead). Every earlier public key stays
 * published at /.well-known/jwks.json by its key id, so every certificate ever issued still
 * verifies offline. revoke-key withdraws an earlier key (say its private key leaked): what it
 * signed no longer verifies, and the key set lists it as revoked.
 *
 * The same as the administrators' page /<lang>/admin/certificates. `--allow-reissue` lets the
 * learner claim a new certificate (e.g. after a misprinted name); without it they cannot.
 */
import { parseArgs } from "node:util";
import { migrateToLatest, openDatabase } from "#db/client";
import { getEnv } from "~/env.server";
import { parseCode } from "~/modules/certificates/code";
import { readProgramme } from "~/modules/content/programme.server";
import { publishedKeys, revokeKey, rotateKey } from "~/modules/certificates/keys.server";
import { findCertificate, normaliseReason, revokeCertificate } from "~/modules/certificates/store.server";
import { recordAudit } from "~/modules/audit/audit.server";

const usage = `Usage:
  npm run certificates -- show <code>
  npm run certificates -- revoke <code> --reason "<reason>" [--allow-reissue]
  npm run certificates -- rotate-key
  npm run certificates -- keys
  npm run certificates -- revoke-key <key id> --reason "<reason>"`;

function fail(message: string, status = 1): never {
  console.error(message);
  process.exit(status);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { reason: { type: "string" }, "allow-reissue": { type: "boolean", default: false } },
});
const [command, rawCode] = positionals;
const env = getEnv();

if (command === "rotate-key" || command === "keys" || command === "revoke-key") {
  const reason = command === "revoke-key" ? normaliseReason(values.reason) : null;
  if (command === "revoke-key" && (!rawCode || !reason)) fail(`${usage}\n--reason is required: 3 to 500 characters.`, 2);
  const { db } = await openDatabase({ url: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH, pgSchema: env.DATABASE_SCHEMA });
  try {
    await migrateToLatest(db);
    if (command === "rotate-key") {
      const result = await rotateKey(db, env);
      if (!result.ok) {
        console.log(`The signing key comes from CERT_SIGNING_KEY (key ${result.previous}), so it is yours to change.`);
        console.log(`Its public key is recorded and stays published. Set this new key (key ${result.newKid}) as CERT_SIGNING_KEY`);
        console.log("on every app server and restart them; keep it secret:\n");
        console.log(result.newKeyPem);
      } else {
        console.log(`New signing key ${result.current} is current; ${result.previous} is retired.`);
        console.log("Its public key stays at /.well-known/jwks.json, so everything it signed still verifies offline.");
      }
    } else if (command === "revoke-key") {
      const result = await revokeKey(db, { kid: rawCode!, reason: reason! });
      if (!result.ok) {
        fail(
          {
            unknown: `No key has the id ${rawCode}. See: npm run certificates -- keys`,
            current: `${rawCode} is the current signing key: run rotate-key first, then revoke it.`,
            "already-revoked": `${rawCode} was already revoked.`,
          }[result.reason],
        );
      }
      console.log(
        `Key ${rawCode} is revoked: certificates and badges it signed no longer verify offline (the register still answers at /verify).`,
      );
    }
    for (const k of await publishedKeys(db)) {
      const state = k.revoked ? `revoked ${k.revoked.at} (${k.revoked.reason})` : k.current ? "current" : `retired ${k.retiredAt ?? ""}`;
      console.log(`${k.kid}  since ${k.createdAt}  ${state}`);
    }
  } finally {
    await db.destroy();
  }
  process.exit(0);
}

if ((command !== "show" && command !== "revoke") || !rawCode) fail(usage, 2);
const parsed = parseCode(rawCode);
if (!parsed.ok) fail(`"${rawCode}" is not a certificate code (${parsed.error}).`, 2);
const reason = command === "revoke" ? normaliseReason(values.reason) : null;
if (command === "revoke" && !reason) fail('--reason is required: 3 to 500 characters, e.g. --reason "Issued to the wrong person".', 2);

const { db } = await openDatabase({ url: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH, pgSchema: env.DATABASE_SCHEMA });
try {
  await migrateToLatest(db);
  if (command === "revoke") {
    const programme = await readProgramme(env.CONTENT_DIR, []);
    const result = await revokeCertificate(db, {
      code: parsed.code,
      reason: reason!,
      by: null,
      allowReissue: values["allow-reissue"],
      coreModulesOf: (id) => (programme && programme.id === id ? programme.coreModules : null),
    });
    if (!result.ok)
      fail(result.reason === "unknown" ? `No certificate has the code ${parsed.code}.` : `${parsed.code} was already revoked.`);
    await recordAudit(db, {
      actorId: null,
      action: "certificate.revoke",
      subjectId: result.certificate.learnerId,
      detail: { code: parsed.code, reason: reason! },
    });
    console.log(`Revoked ${parsed.code}.${values["allow-reissue"] ? " The learner may claim a new certificate." : ""}`);
    for (const also of result.alsoRevoked) {
      console.log(`Also revoked the programme certificate ${also.code}, which was issued on ${parsed.code}.`);
    }
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
