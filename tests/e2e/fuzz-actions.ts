import { spawn, execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import Database from "better-sqlite3";
import fc from "fast-check";
import routes, { routeAccess, type Access } from "../../app/routes";
import { CONTEST_FORM_FIELDS } from "../../app/modules/contests/rules";
import { FIELD_MAX, FORM_BODY_LIMIT } from "../../app/modules/http/forms";
import { form, postQuiz, unique } from "./classes-helpers";
import { lessonIds, moduleIds, readLesson, readPractices } from "./fixtures";

/**
 * Property-based fuzzing of every action in the route table, against the built app on a
 * throw-away SQLite database (its own server, so other tests' writes never blur the row counts):
 * random and hostile posts (sizes up to the limits and beyond, any Unicode, control characters,
 * repeated fields, wrong content types, other sites' origins). Every answer must be below 500,
 * and a refused post (4xx) must not have written a row. Used by tests/e2e/fuzz.test.ts (a few
 * runs per action) and `npm run fuzz` (10,000 per action).
 */

type Entry = { file: string; path?: string; children?: Entry[] };
const flatten = (entries: Entry[]): Entry[] => entries.flatMap((e) => [e, ...flatten(e.children ?? [])]);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface FuzzServer {
  base: string;
  sqlitePath: string;
  dataDir: string;
  stop: () => Promise<void>;
}

/** The built server (node server/index.mjs) on a free port and a new database. */
export async function startServer(): Promise<FuzzServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bdhvs-fuzz-"));
  const sqlitePath = path.join(dataDir, "fuzz.sqlite");
  const base = `http://127.0.0.1:${port}`;
  const child = spawn("node", ["server/index.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      SQLITE_PATH: sqlitePath,
      SESSION_SECRET: "fuzz-secret-fuzz-secret-fuzz-secret-fuzz",
      PUBLIC_URL: base,
      PIN_SLOWDOWN_SECONDS: "0",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null) throw new Error("the fuzz server stopped");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    sqlitePath,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => {
          fs.rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

type Role = "anonymous" | "learner" | "owner" | "admin";

export interface FuzzTarget {
  file: string;
  url: string;
  role: Role;
  /** Field names this action's forms use (for plausible posts; random names are tried too). */
  names: string[];
  /** Values those forms use (ids, intents). */
  values: string[];
}

export interface FuzzFixtures {
  clients: Record<Role, APIRequestContext>;
  targets: FuzzTarget[];
}

const run = promisify(execFile);

/** Accounts, roles, a class with a PIN learner and a learner's attempt: real ids for every route parameter. */
export async function setUp(server: FuzzServer): Promise<FuzzFixtures> {
  const clients = Object.fromEntries(
    await Promise.all(
      (["anonymous", "learner", "owner", "admin"] as const).map(
        async (r) =>
          [r, await playwrightRequest.newContext({ baseURL: server.base, extraHTTPHeaders: { "Accept-Language": "vi" } })] as const,
      ),
    ),
  ) as Record<Role, APIRequestContext>;
  const logins: Partial<Record<Role, string>> = {};
  for (const role of ["learner", "owner", "admin"] as const) {
    const login = `f${unique()}`;
    const response = await clients[role].post("/vi/signup", form({ displayName: `Fuzz ${role}`, login, password: "mat-khau-dai-8" }));
    if (response.status() !== 302) throw new Error(`sign-up ${role}: ${response.status()}`);
    logins[role] = login;
  }
  const env = { ...process.env, SQLITE_PATH: server.sqlitePath, DATA_DIR: server.dataDir };
  await Promise.all([
    run("npx", ["tsx", "scripts/admin.ts", "grant", logins.owner!, "instructor"], { env }),
    run("npx", ["tsx", "scripts/admin.ts", "grant", logins.admin!, "admin"], { env }),
  ]);

  const created = await clients.owner.post("/vi/teach", form({ name: "Lớp Thử Nghiệm" }));
  const classId = /[0-9a-f-]{36}/.exec(created.headers().location ?? "")![0];
  const pin = await clients.owner.post(`/vi/teach/classes/${classId}/learners/new`, form({ name_0: "Học Viên Thử", consent: "yes" }));
  const html = await (await clients.owner.get(pin.headers().location!)).text();
  const learnerId = /cards\?ids=([0-9a-f-]{36})/.exec(html)![1]!;
  const poster = await (await clients.owner.get(`/vi/teach/classes/${classId}/poster`)).text();
  const joinCode = /\/vi\/join\/([A-Z0-9-]+)/.exec(poster)![1]!;

  const moduleId = moduleIds("vi")[0]!;
  const lessonId = lessonIds("vi", moduleId)[0]!;
  const practice = readPractices("vi", moduleId)[0]!;
  await postQuiz(clients.learner, moduleId, lessonId);

  // Contests (issue 16): one of a unit (made by the administrator, an official everywhere) and one of
  // the class, open for the whole run, drawn from the first topic's lesson quizzes; the learner has
  // an attempt under way in the unit's, so saving and handing in reach the database.
  const unitCode = "MAU01";
  const vietnamLocal = (hours: number) => new Date(Date.now() + (hours + 7) * 3_600_000).toISOString().slice(0, 19);
  const contestForm = {
    title: "Cuộc thi thử",
    rules: "",
    opensAt: vietnamLocal(-1),
    closesAt: vietnamLocal(24),
    minutes: "60",
    attemptsAllowed: "1",
    questionCount: "2",
    moduleIds: moduleId,
    ownQuestions: "",
  };
  const contestIdOf = (response: Awaited<ReturnType<APIRequestContext["post"]>>) => {
    const id = /contests\/([0-9a-f-]{36})/.exec(response.headers().location ?? "")?.[1];
    if (!id) throw new Error(`contest not created: ${response.status()}`);
    return id;
  };
  const unitContestId = contestIdOf(await clients.admin.post(`/vi/report/${unitCode}/contests`, form(contestForm)));
  const classContestId = contestIdOf(await clients.owner.post(`/vi/teach/classes/${classId}/contests`, form(contestForm)));
  const started = await clients.learner.post(`/vi/contests/${unitContestId}`, form({ intent: "start", unitCode: `${unitCode}-T01` }));
  if (started.status() !== 302) throw new Error(`contest start: ${started.status()}`);

  const params: Record<string, string> = {
    lang: "vi",
    moduleId,
    lessonId,
    practiceId: practice.id,
    subject: moduleId,
    classId,
    learnerId,
    linkId: "00000000-0000-4000-8000-000000000000",
    code: joinCode,
    unitCode,
    contestId: unitContestId,
  };
  /** A class's routes name the class's own contest. */
  const paramsFor = (file: string): Record<string, string> =>
    file.startsWith("routes/teach/") ? { ...params, contestId: classContestId } : params;
  const quiz = readLesson("vi", moduleId, lessonId).quiz.questions;
  const common = ["intent", "redirectTo", "back", "displayName", "login", "password", "pin", "name", "place", "schedule", "code"];
  const contestFields = {
    names: [...CONTEST_FORM_FIELDS, "unitCode", "showName"],
    values: [
      ...Object.values(contestForm),
      "2026-10-10T08:00",
      "0",
      "-1",
      "51",
      "1e1",
      `${unitCode}-T01`,
      unitCode,
      "yes",
      "vi:\n  questions: []\n",
    ],
  };
  const extra: Record<string, { names: string[]; values: string[] }> = {
    "routes/contest/contest.tsx": {
      names: ["q1", "q2", "q3"].map((q) => `answer.${q}`).concat(["attemptKey", "unitCode", "showName"]),
      values: ["save", "submit", `${unitCode}-T01`, "yes", ...quiz.flatMap((q) => q.options.map((o) => o.id))],
    },
    "routes/contest/result.tsx": { names: ["printedName"], values: ["certificate", "Nguyễn Văn Thử", ""] },
    "routes/report/contests.tsx": contestFields,
    "routes/teach/contests.tsx": contestFields,
    "routes/learn/lesson.tsx": {
      names: [...quiz.map((q) => `answer.${q.id}`), "attemptKey"],
      values: ["submit", ...quiz.flatMap((q) => q.options.map((o) => o.id))],
    },
    "routes/learn/practice.tsx": {
      names: [
        ...practice.tasks.flatMap((t) => (t.type === "choice" ? [`choice.${t.id}`] : t.steps!.map((s) => `order.${t.id}.${s.id}`))),
        "attemptKey",
      ],
      values: [
        "submit",
        ...practice.tasks.map((t) => `check:${t.id}`),
        "1",
        "2",
        "3",
        "0x2",
        "1e0",
        " 2",
        ...practice.tasks.flatMap((t) => (t.options ?? []).map((o) => o.id)),
      ],
    },
  };
  const knownValues = [
    "assign",
    "unassign",
    "update",
    "remove",
    "reset-pin",
    "start",
    "end",
    "attendance",
    "show",
    "grant",
    "revoke",
    "invite",
    "leave",
    "forget",
    "agree",
    "decline",
    "mentor",
    "family",
    "instructor",
    "admin",
    moduleId,
    lessonId,
    classId,
    learnerId,
    joinCode,
    logins.learner!,
    "150",
    "high",
    "/vi/progress",
    "//evil.example",
  ];
  const roleFor: Record<Access, Role> = {
    anyone: "anonymous",
    learner: "learner",
    owner: "learner",
    follower: "learner",
    instructor: "owner",
    classOwner: "owner",
    official: "admin",
    anyOfficial: "admin",
    admin: "admin",
  };
  const targets: FuzzTarget[] = [];
  for (const entry of flatten(routes as Entry[])) {
    const source = fs.readFileSync(path.join("app", entry.file), "utf8");
    if (!/export (async )?function action\b|export const action\b/.test(source)) continue;
    const url = "/" + (entry.path ?? "").replace(/:(\w+)/g, (_all, name: string) => paramsFor(entry.file)[name] ?? `missing-${name}`);
    const access = routeAccess[entry.file] ?? "anyone";
    targets.push({
      file: entry.file,
      url,
      role: roleFor[access],
      names: [...common, ...(extra[entry.file]?.names ?? [])],
      values: [...knownValues, ...(extra[entry.file]?.values ?? [])],
    });
  }
  return { clients, targets };
}

/** One hostile post: fields, how they are encoded, and from where. */
export interface FuzzPost {
  fields: [string, string][];
  encoding: "urlencoded" | "multipart" | "json" | "text" | "none" | "garbage";
  origin: "same" | "none" | "other";
  asGuest: boolean;
}

const controls = fc.constantFrom(
  "\u0000",
  "\u0007",
  "\u001b[2J",
  "\r\n",
  "\t",
  "\u2028",
  "\u202e",
  "\u200b",
  "\ufeff",
  "\ud800",
  "%00",
  "%0d%0a",
);

function valueArbitrary(values: string[]) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...values) },
    { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...values), controls).map(([v, c]) => v + c) },
    { weight: 1, arbitrary: fc.array(controls, { maxLength: 8 }).map((a) => a.join("")) },
    // Up to the field limit and past it; rarely past the whole form's limit.
    { weight: 1, arbitrary: fc.integer({ min: FIELD_MAX - 2, max: FIELD_MAX + 2 }).map((n) => "ễ".repeat(n)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).map((n) => "a".repeat(Math.floor((FORM_BODY_LIMIT / 4) * n))) },
  );
}

export function postArbitrary(target: FuzzTarget): fc.Arbitrary<FuzzPost> {
  const name = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...target.names) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });
  return fc.record({
    fields: fc.array(fc.tuple(name, valueArbitrary(target.values)), { maxLength: 12 }),
    encoding: fc.constantFrom("urlencoded", "urlencoded", "urlencoded", "multipart", "json", "text", "none", "garbage"),
    origin: fc.constantFrom("same", "same", "none", "other"),
    asGuest: fc.boolean(),
  });
}

/** Every table's row count, summed: a refused post must leave it as it was. */
export function rowCounter(sqlitePath: string) {
  const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  // Rate-limit counters are written on purpose by refused posts (failed log-ins): not "a record".
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
  )
    .map((t) => t.name)
    .filter((t) => !/rate|limit|lockout|throttle/i.test(t));
  const statements = tables.map((t) => db.prepare(`SELECT count(*) AS n FROM "${t}"`));
  return {
    count: () => statements.reduce((sum, s) => sum + Number((s.get() as { n: number }).n), 0),
    close: () => db.close(),
  };
}

async function send(client: APIRequestContext, base: string, target: FuzzTarget, post: FuzzPost) {
  const headers: Record<string, string> = {};
  if (post.origin === "same") headers.Origin = base;
  if (post.origin === "other") headers.Origin = "https://evil.example";
  let data: string | Buffer | undefined;
  let multipart: Record<string, string> | undefined;
  switch (post.encoding) {
    case "urlencoded":
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      data = new URLSearchParams(post.fields).toString();
      break;
    case "multipart":
      multipart = Object.fromEntries(post.fields);
      break;
    case "json":
      headers["Content-Type"] = "application/json";
      data = JSON.stringify(Object.fromEntries(post.fields));
      break;
    case "text":
      headers["Content-Type"] = "text/plain";
      data = post.fields.map(([k, v]) => `${k}=${v}`).join("\n");
      break;
    case "garbage":
      headers["Content-Type"] = "multipart/form-data; boundary=x";
      data = Buffer.from(post.fields.map(([k, v]) => `--x\r\n${k}${v}`).join(""), "utf8");
      break;
    case "none":
      break;
  }
  return client.post(target.url, { headers, data, multipart, maxRedirects: 0, failOnStatusCode: false });
}

export interface FuzzReport {
  perAction: Record<string, { runs: number; statuses: Record<number, number> }>;
  problems: string[];
}

/** `runs` posts to every action; returns what was sent per action and every problem found. */
export async function fuzz(
  server: FuzzServer,
  fixtures: FuzzFixtures,
  { runs, seed }: { runs: number; seed: number },
): Promise<FuzzReport> {
  const rows = rowCounter(server.sqlitePath);
  const report: FuzzReport = { perAction: {}, problems: [] };
  try {
    for (const target of fixtures.targets) {
      const stats = (report.perAction[`${target.file} POST ${target.url}`] = { runs: 0, statuses: {} as Record<number, number> });
      for (const post of fc.sample(postArbitrary(target), { numRuns: runs, seed })) {
        const client = post.asGuest ? fixtures.clients.anonymous : fixtures.clients[target.role];
        const before = rows.count();
        const response = await send(client, server.base, target, post).catch((error: Error) => {
          // A body past the form's limit is refused at once (413) and the rest read for a few seconds
          // before the connection is cut (server/security.mjs): on a busy machine the client may still
          // be sending then. Counted as the refusal it is; anything else is a problem.
          const size = post.fields.reduce((n, [k, v]) => n + k.length + v.length, 0);
          if (size > FORM_BODY_LIMIT && /ECONNRESET|EPIPE/.test(error.message)) return null;
          throw error;
        });
        const status = response?.status() ?? 413;
        await response?.body().catch(() => null);
        stats.runs += 1;
        stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
        const describe = () => `${target.url} ${post.encoding} ${post.origin} ${JSON.stringify(post.fields).slice(0, 300)}`;
        if (status >= 500) report.problems.push(`${status}: ${describe()}`);
        else if (status >= 400) {
          const after = rows.count();
          if (after !== before) report.problems.push(`refused with ${status} but wrote ${after - before} row(s): ${describe()}`);
        }
      }
    }
  } finally {
    rows.close();
  }
  return report;
}
