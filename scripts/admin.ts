/**
 * `npm run admin -- <command>`: account roles from the command line, on the database the server
 * uses (DATABASE_URL, or SQLITE_PATH for SQLite).
 *
 *   create-admin --login <name> [--name "<full name>"]
 *       The first administrator. Creates the account (password read from standard input, or asked
 *       for on a terminal) or, when the login already exists, makes that account an administrator.
 *   grant <login> <instructor|mentor|admin>     revoke <login> <role>     list
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
const { db } = await openDatabase({ url: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH });
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
    console.log(`${command === "grant" ? "Granted" : "Revoked"} ${role} ${command === "grant" ? "to" : "from"} ${login}.`);
  } else if (command === "list") {
    for (const a of await listAccounts(db, { search: "", limit: 1000 })) console.log(`${a.username}\t${a.roles.join(",")}\t${a.name}`);
  } else {
    fail('Commands: create-admin --login <name> [--name "Full name"] | grant <login> <role> | revoke <login> <role> | list');
  }
} finally {
  await db.destroy();
}
