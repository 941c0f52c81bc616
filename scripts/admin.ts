/**
 * `npm run admin -- <command>`: account roles from the command line, on the database the server
 * uses (DATABASE_URL, or SQLITE_PATH for SQLite).
 *
 *   create-admin --login <name> [--name "<full name>"]
 *       The first administrator. Creates the account (password read from standard input, or asked
 *       for on a terminal) or, when the login already exists, makes that account an administrator.
 *   grant <login> <instructor|mentor|admin>     revoke <login> <role>     list
 *   grant-official <login> <unit code>          revoke-official <login> <unit code>
 *   reset-code <login>
 *       A one-time code for someone who forgot their password (a day to use it, recorded in the audit log).
 *       "Official of unit X": sees the figures of X and every unit below it, never names.
 *
 * An administrator then grants every other role on the site (/vi/admin/roles).
 */
import readline from "node:readline";
import { migrateToLatest, openDatabase } from "#db/client";
import { getEnv } from "~/env.server";
import { findAccountByLogin, listAccounts } from "~/modules/accounts/admin.server";
import { signUp } from "~/modules/accounts/learners.server";
import { grantRole, isRole, revokeRole } from "~/modules/accounts/roles.server";
import { normaliseLogin, signupSchema } from "~/modules/accounts/validation";
// Names typed by anyone are printed with control characters escaped: never raw to a terminal.
import { printable } from "~/modules/names/names";
import { grantOfficial, officialUnitsOf, revokeOfficial } from "~/modules/units/officials.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { formatRecoveryCode } from "~/modules/accounts/recovery";
import { issueResetCode } from "~/modules/accounts/recovery.server";

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let input = "";
    for await (const chunk of process.stdin) input += String(chunk);
    return input.split(/\r?\n/)[0] ?? "";
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(q);
      // Do not echo what is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
      rl.question("", (answer) => {
        process.stdout.write("\n");
        resolve(answer);
      });
    });
  const first = await ask("Password (at least 8 characters): ");
  const second = await ask("Password again: ");
  rl.close();
  if (first !== second) fail("The two passwords differ.");
  return first;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const [command, ...args] = process.argv.slice(2);
const env = getEnv();
const { db } = await openDatabase({ url: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH, pgSchema: env.DATABASE_SCHEMA });
try {
  await migrateToLatest(db);
  if (command === "create-admin") {
    const login = normaliseLogin(option(args, "login") ?? "");
    if (!login) fail('Usage: create-admin --login <name> [--name "Full name"] (login: 3–32 letters a–z, digits, . _ -)');
    const existing = await findAccountByLogin(db, { login });
    if (existing) {
      await grantRole(db, { learnerId: existing.id, role: "admin" });
      console.log(`${login} is now an administrator.`);
    } else {
      const parsed = signupSchema.safeParse({ displayName: option(args, "name") ?? login, login, password: await readPassword() });
      if (!parsed.success) fail(`Not created: ${parsed.error.issues.map((i) => i.message).join(", ")}`);
      const result = await signUp(db, { guestId: null, ...parsed.data });
      if (!result.ok) fail(`Not created: ${result.error}`);
      await grantRole(db, { learnerId: result.learner.id, role: "admin" });
      console.log(`Administrator ${login} created. Log in at /vi/login, then grant roles at /vi/admin/roles.`);
    }
  } else if (command === "grant" || command === "revoke") {
    const [rawLogin, role] = args;
    const login = normaliseLogin(rawLogin ?? "");
    if (!login || !isRole(role)) fail(`Usage: ${command} <login> <instructor|mentor|admin>`);
    const account = await findAccountByLogin(db, { login });
    if (!account) fail(`No account ${login}.`);
    if (command === "grant") await grantRole(db, { learnerId: account.id, role });
    else await revokeRole(db, { learnerId: account.id, role });
    // The command line is an actor too: "who" is recorded as the command line.
    await recordAudit(db, {
      actorId: null,
      action: command === "grant" ? "role.grant" : "role.revoke",
      subjectId: account.id,
      detail: { role },
    });
    console.log(`${command === "grant" ? "Granted" : "Revoked"} ${role} ${command === "grant" ? "to" : "from"} ${login}.`);
  } else if (command === "grant-official" || command === "revoke-official") {
    const [rawLogin, unitCode = ""] = args;
    const login = normaliseLogin(rawLogin ?? "");
    if (!login || !unitCode) fail(`Usage: ${command} <login> <unit code>`);
    const account = await findAccountByLogin(db, { login });
    if (!account) fail(`No account ${login}.`);
    if (command === "grant-official") {
      const result = await grantOfficial(db, { learnerId: account.id, unitCode });
      if (!result.ok) fail(`No unit ${unitCode} (see npm run units -- list).`);
      console.log(`${login} is now an official of ${unitCode}: sees its figures and those of every unit below it.`);
    } else {
      if (!(await revokeOfficial(db, { learnerId: account.id, unitCode }))) fail(`${login} was not an official of ${unitCode}.`);
      console.log(`${login} is no longer an official of ${unitCode}.`);
    }
  } else if (command === "reset-code") {
    // Someone who forgot their password: a one-time code (a day to use it) to hand over in person.
    const login = normaliseLogin(args[0] ?? "");
    if (!login) fail("Usage: reset-code <login>");
    const account = await findAccountByLogin(db, { login });
    if (!account) fail(`No account ${login}.`);
    const issued = await issueResetCode(db, { issuerId: null, learnerId: account.id });
    if (!issued) fail(`No account ${login}.`);
    console.log(
      `Reset code for ${login}: ${formatRecoveryCode(issued.code)} (one use, until ${issued.expiresAt}). They type it at /vi/forgot-password.`,
    );
  } else if (command === "list") {
    for (const a of await listAccounts(db, { search: "", limit: 1000 })) {
      const units = (await officialUnitsOf(db, a.id)).map((u) => `official:${u.code}`);
      console.log(`${printable(a.username)}\t${[...a.roles, ...units].join(",")}\t${printable(a.name)}`);
    }
  } else {
    fail(
      'Commands: create-admin --login <name> [--name "Full name"] | grant <login> <role> | revoke <login> <role> | grant-official <login> <unit code> | revoke-official <login> <unit code> | reset-code <login> | list',
    );
  }
} finally {
  await db.destroy();
}
