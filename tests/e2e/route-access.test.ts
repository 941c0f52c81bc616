import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import routes, { routeAccess, type Access } from "../../app/routes";
import { adminCommand, form, importOtherProvince, postPractice, postQuiz, unique } from "./classes-helpers";
import { lessonIds, moduleIds, readPractices } from "./fixtures";

type Entry = { file: string; path?: string; children?: Entry[] };
const flatten = (entries: Entry[]): Entry[] => entries.flatMap((e) => [e, ...flatten(e.children ?? [])]);

/** The module quickest to finish (fewest lessons and practices), for the member's certificate. */
function smallestModule(): string {
  const size = (m: string) => lessonIds("vi", m).length + readPractices("vi", m).length;
  return moduleIds("vi").sort((a, b) => size(a) - size(b))[0]!;
}

/**
 * Who may see what, generated from the route table: every route of app/routes.ts is requested as
 * every role (anonymous, a learner of the class, another learner, the class's instructor, another
 * instructor, a mentor, an administrator, an official of the unit in report URLs, an official of
 * another province), with ids that exist, and the access declared beside the
 * route decides who gets a page. A route without a declaration, or without a fixture for one of its
 * parameters, fails the test. Anything refused is a 404 (posts too; a logged-out visitor asking for
 * a page that needs a session is sent to log in with a return address instead), changes nothing, and shows
 * nothing of the learner. Then the class's changes are tried by everyone but the owner.
 */

type Role = "anonymous" | "learner" | "otherLearner" | "owner" | "otherInstructor" | "mentor" | "admin" | "official" | "otherOfficial";
const roles: Role[] = ["anonymous", "learner", "otherLearner", "owner", "otherInstructor", "mentor", "admin", "official", "otherOfficial"];

/** The unit in report URLs: a commune of the sample province, which the "official" role is an official of. */
const UNIT = "MAU01";

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

async function newClient(baseURL: string) {
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "Accept-Language": "vi" } });
}

async function signUp(client: APIRequestContext, name: string) {
  const login = `m${unique()}`;
  const response = await client.post("/vi/signup", form({ displayName: name, login, password: "mat-khau-dai-8" }));
  expect(response.status(), `sign-up ${name}`).toBe(302);
  return login;
}

async function createClassVia(client: APIRequestContext, name: string): Promise<string> {
  const response = await client.post("/vi/teach", form({ name }));
  expect(response.status()).toBe(302);
  return uuid.exec(response.headers().location ?? "")![0];
}

async function createPinLearnerVia(client: APIRequestContext, classId: string, name: string) {
  const response = await client.post(`/vi/teach/classes/${classId}/learners/new`, form({ name_0: name, consent: "yes" }));
  expect(response.status()).toBe(302);
  // The PINs wait on the class's PIN page (sealed, the key in this client's cookie) until confirmed.
  const html = await (await client.get(response.headers().location!)).text();
  return {
    username: /data-username="[^"]*">([^<]+)</.exec(html)![1]!,
    pin: /data-pin="[^"]*">(\d{6})</.exec(html)![1]!,
    id: /cards\?ids=([0-9a-f-]{36})/.exec(html)![1]!,
  };
}

test("every route of the table as every role: the declared access decides, refusals are 404s", async ({ baseURL }) => {
  // ~90 routes × 9 roles, a GET and a POST each, on a machine shared with other work.
  test.setTimeout(420_000);
  const clients = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await newClient(baseURL!)] as const))) as Record<
    Role,
    APIRequestContext
  >;

  // Accounts and roles (roles granted with the documented command).
  const ownerLogin = await signUp(clients.owner, "Cô Chủ Nhiệm");
  const otherInstructorLogin = await signUp(clients.otherInstructor, "Thầy Lớp Khác");
  const mentorLogin = await signUp(clients.mentor, "Đại Sứ Số");
  const adminLogin = await signUp(clients.admin, "Quản Trị Viên");
  await signUp(clients.otherLearner, "Người Học Khác");
  const officialLogin = await signUp(clients.official, "Cán Bộ Xã");
  const otherOfficialLogin = await signUp(clients.otherOfficial, "Cán Bộ Tỉnh Khác");
  await importOtherProvince();
  await Promise.all([
    adminCommand(["grant", ownerLogin, "instructor"]),
    adminCommand(["grant", otherInstructorLogin, "instructor"]),
    adminCommand(["grant", mentorLogin, "mentor"]),
    adminCommand(["grant", adminLogin, "admin"]),
    adminCommand(["grant-official", officialLogin, UNIT]),
    adminCommand(["grant-official", otherOfficialLogin, "E2EP"]),
  ]);

  const classId = await createClassVia(clients.owner, "Lớp Bảo Mật");
  const otherClassId = await createClassVia(clients.otherInstructor, "Lớp Của Người Khác");
  const memberName = "Học Viên Bí Mật";
  const member = await createPinLearnerVia(clients.owner, classId, memberName);
  const outsider = await createPinLearnerVia(clients.otherInstructor, otherClassId, "Học Viên Lớp Khác");
  const login = await clients.learner.post("/vi/login/pin", form({ login: member.username, pin: member.pin }));
  expect(login.status()).toBe(302);
  // The member agrees to be followed by the mentor.
  const invite = await clients.mentor.post("/vi/follow", form({ intent: "invite", kind: "mentor" }));
  expect(invite.status()).toBe(302);
  const followPage = await (await clients.mentor.get("/vi/follow")).text();
  const code = /\/vi\/invite\/([A-Z0-9]{8})/.exec(followPage)![1]!;
  expect((await clients.learner.post(`/vi/invite/${code}`, form({ answer: "agree" }))).status()).toBe(302);
  const linkId = new RegExp(`/vi/follow/(${uuid.source})`).exec(await (await clients.mentor.get("/vi/follow")).text())![1]!;

  // The member's own records: a lesson and a practice attempt, and a module certificate.
  const certModule = smallestModule();
  const lessonResult = await postQuiz(clients.learner, certModule, lessonIds("vi", certModule)[0]!);
  for (const lessonId of lessonIds("vi", certModule).slice(1)) await postQuiz(clients.learner, certModule, lessonId);
  let practiceResult = "";
  for (const practice of readPractices("vi", certModule)) practiceResult = await postPractice(clients.learner, certModule, practice);
  const claimed = await clients.learner.post(`/vi/certificates/claim/${certModule}`, form({ printedName: memberName }));
  expect(claimed.status(), "certificate claimed").toBe(302);
  const certificateCode = /certificates\/([0-9A-Z-]{17})/.exec(claimed.headers().location ?? "")![1]!;
  const joinCode = /\/vi\/join\/([A-Z0-9-]+)/.exec(await (await clients.owner.get(`/vi/teach/classes/${classId}/poster`)).text())?.[1];
  expect(joinCode, "the class's join code on its poster").toBeTruthy();
  expect((await clients.mentor.post("/vi/follow", form({ intent: "invite", kind: "mentor" }))).status()).toBe(302);
  const pendingInvite = [...(await (await clients.mentor.get("/vi/follow")).text()).matchAll(/\/vi\/invite\/([A-Z0-9]{8})/g)]
    .map((m) => m[1]!)
    .find((c) => c !== code)!;

  // Contests (issue 16): one of the unit, open now, which the member took part in; one of the class.
  const vietnamTime = (seconds: number) => new Date(Date.now() + seconds * 1000 + 7 * 3_600_000).toISOString().slice(0, 19);
  const contestFields = (title: string) =>
    form({
      title,
      rules: "",
      opensAt: vietnamTime(-60),
      closesAt: vietnamTime(3600),
      minutes: "20",
      attemptsAllowed: "1",
      questionCount: "4",
      moduleIds: certModule,
    });
  const contestIdOf = (response: { headers(): Record<string, string> }) =>
    new RegExp(`contests/(${uuid.source})`).exec(response.headers().location ?? "")![1]!;
  const unitContest = await clients.official.post(`/vi/report/${UNIT}/contests`, contestFields("Cuộc thi của xã"));
  expect(unitContest.status(), "unit contest created").toBe(302);
  const unitContestId = contestIdOf(unitContest);
  const classContest = await clients.owner.post(`/vi/teach/classes/${classId}/contests`, contestFields("Cuộc thi của lớp"));
  expect(classContest.status(), "class contest created").toBe(302);
  const classContestId = contestIdOf(classContest);
  expect((await clients.learner.post(`/vi/contests/${unitContestId}`, form({ intent: "start", unitCode: "MAU01-T01" }))).status()).toBe(
    302,
  );
  expect((await clients.learner.post(`/vi/contests/${unitContestId}`, form({ intent: "submit" }))).status()).toBe(302);

  // Every route in the table, with ids that exist, as every role: the declared access decides who gets in.
  const params: Record<string, string> = {
    lang: "vi",
    moduleId: certModule,
    lessonId: lessonIds("vi", certModule)[0]!,
    practiceId: readPractices("vi", certModule)[0]!.id,
    subject: certModule,
    card: `${certModule}.png`,
    kind: "module",
    id: certModule,
    file: "be-vietnam-pro-vietnamese-400-normal.woff2",
    // A string file's name holds its hash: the one the home page names.
    asset: /\/assets\/strings\/([\w.-]+\.json)/.exec(await (await clients.anonymous.get("/vi")).text())![1]!,
    classId,
    learnerId: member.id,
    linkId,
    unitCode: UNIT,
  };
  const recordParams: Record<string, Record<string, string>> = {
    "routes/learn/lesson-result.tsx": { attemptId: /attempts\/([^/?#]+)/.exec(lessonResult)![1]! },
    // The member's quiz attempt as the class's teacher sees it (issue 11).
    "routes/teach/learner-attempt.tsx": { attemptId: /attempts\/([^/?#]+)/.exec(lessonResult)![1]! },
    "routes/learn/practice-result.tsx": { attemptId: /attempts\/([^/?#]+)/.exec(practiceResult)![1]! },
    "routes/learn/join-code.tsx": { code: joinCode! },
    "routes/follow/invite-code.tsx": { code: pendingInvite },
    "routes/contest/contest.tsx": { contestId: unitContestId },
    "routes/contest/result.tsx": { contestId: unitContestId },
    ...Object.fromEntries(
      ["contest.tsx", "contest-live.tsx", "contest-xlsx.ts"].flatMap((file) => [
        [`routes/report/${file}`, { contestId: unitContestId }],
        [`routes/teach/${file}`, { contestId: classContestId }],
      ]),
    ),
  };
  const admitted: Record<Access, Role[]> = {
    anyone: roles,
    learner: roles.filter((r) => r !== "anonymous"),
    owner: ["learner"],
    instructor: ["owner", "otherInstructor"],
    classOwner: ["owner"],
    follower: ["mentor"],
    admin: ["admin"],
    official: ["official", "admin"],
    anyOfficial: ["official", "otherOfficial", "admin"],
  };
  const problems: string[] = [];
  const table = flatten(routes);
  for (const entry of table) {
    const access = routeAccess[entry.file];
    if (!access) {
      problems.push(`${entry.file}: no access declared in app/routes.ts`);
      continue;
    }
    const fill: Record<string, string> = { ...params, code: certificateCode, "*": "no-such-page", ...recordParams[entry.file] };
    const url = "/" + (entry.path ?? "").replace(/:(\w+)|\*/g, (all, name) => fill[name ?? "*"] ?? `<${name} has no fixture>`);
    if (url.includes("<")) problems.push(`${entry.file}: ${url}`);
    const notFoundPage = entry.path === "*";
    // A report page without a unit in its URL (the list of one's units) admits every official.
    const unitless = access === "official" && !/:unitCode\b/.test(entry.path ?? "");
    for (const role of roles) {
      const response = await clients[role].get(url, { maxRedirects: 0 });
      const status = response.status();
      const allowed = unitless ? ["official", "otherOfficial", "admin"].includes(role) : admitted[access].includes(role);
      // Logged out, a page that needs someone signed in asks them to log in and come back.
      const askedToLogIn = role === "anonymous" && access !== "anyone" && !notFoundPage;
      if (askedToLogIn) {
        const expected = `/vi/login?${new URLSearchParams({ redirectTo: url })}`;
        if (status !== 302 || response.headers().location !== expected)
          problems.push(`${role} GET ${url} (${access}): ${status} → ${response.headers().location}, expected 302 → ${expected}`);
      } else if (notFoundPage ? status !== 404 : allowed ? status >= 400 : status !== 404) {
        problems.push(`${role} GET ${url} (${access}): ${status}, expected ${notFoundPage || !allowed ? 404 : "a page"}`);
      }
      // (The learner's own pages greet them by name; everyone else must see nothing of them.)
      if (status === 404 && role !== "learner") {
        const body = await response.text();
        if (body.includes(memberName) || body.includes(member.username)) problems.push(`${role} GET ${url}: the refusal shows the learner`);
      }
      // A refused role's post is refused too, before anything is read or changed.
      if (!allowed && !notFoundPage) {
        const post = await clients[role].post(url, form({ intent: "remove" }));
        if (![404, 405].includes(post.status())) problems.push(`${role} POST ${url} (${access}): ${post.status()}, expected 404`);
      }
    }
  }

  // Ids that exist but belong to someone else: another class's learner through one's own class, and the reverse.
  const crossed: [string, Role[]][] = [
    [`/vi/teach/classes/${classId}/learners/${outsider.id}`, []],
    [`/vi/teach/classes/${otherClassId}/learners/${member.id}`, []],
    [`/vi/teach/classes/${otherClassId}/learners/${outsider.id}`, ["otherInstructor"]],
    [`/vi/teach/classes/${otherClassId}/export.csv`, ["otherInstructor"]],
    // A learner's quiz attempt only through the learner's own class, and only that learner's attempt.
    [`/vi/teach/classes/${otherClassId}/learners/${member.id}/attempts/${/attempts\/([^/?#]+)/.exec(lessonResult)![1]!}`, []],
    [`/vi/teach/classes/${classId}/learners/${outsider.id}/attempts/${/attempts\/([^/?#]+)/.exec(lessonResult)![1]!}`, []],
    // Officials see their unit and what is below it; never the unit above, never another province.
    [`/vi/report/units/MAU`, ["admin"]],
    [`/vi/report/units/MAU01-T01`, ["official", "admin"]],
    [`/vi/report/units/MAU01-T01/targets`, ["official", "admin"]],
    [`/vi/report/units/MAU02`, ["admin"]],
    [`/vi/report/units/E2EP01`, ["otherOfficial", "admin"]],
    [`/vi/report/units/NO-SUCH-UNIT`, []],
    // A contest is seen only through its own unit or class.
    [`/vi/report/E2EP/contests/${unitContestId}`, []],
    [`/vi/report/MAU02/contests/${unitContestId}`, []],
    [`/vi/teach/classes/${otherClassId}/contests/${classContestId}`, []],
    [`/vi/teach/classes/${otherClassId}/contests/${unitContestId}`, []],
  ];
  for (const [url, who] of crossed) {
    for (const role of roles) {
      const status = (await clients[role].get(url, { maxRedirects: 0 })).status();
      if (status !== (who.includes(role) ? 200 : role === "anonymous" ? 302 : 404)) problems.push(`${role} GET ${url}: ${status}`);
    }
  }

  // Changes: everyone but the owner is refused and nothing changes.
  const base = `/vi/teach/classes/${classId}`;
  const actions: [string, Record<string, string>][] = [
    [base, { intent: "assign", moduleId: "smart-devices", dueDate: "" }],
    [base, { intent: "update", name: "Đổi tên" }],
    [`${base}/learners/new`, { name_0: "Người Lạ Chen Vào" }],
    [`${base}/learners/${member.id}`, { intent: "reset-pin" }],
    [`${base}/learners/${member.id}`, { intent: "remove" }],
    [`${base}/learners/${member.id}/data`, { intent: "delete", present: "yes", confirm: "yes" }],
    [`${base}/session`, { intent: "start" }],
  ];
  for (const [url, fields] of actions) {
    for (const role of roles.filter((r) => r !== "owner")) {
      const response = await clients[role].post(url, form(fields));
      if (response.status() !== 404) problems.push(`${role} POST ${url} ${JSON.stringify(fields)}: ${response.status()}, expected 404`);
    }
  }
  // The owner's own learner cannot be reached through another instructor's class either.
  for (const fields of [{ intent: "reset-pin" }, { intent: "remove" }]) {
    const response = await clients.otherInstructor.post(`/vi/teach/classes/${otherClassId}/learners/${member.id}`, form(fields));
    if (response.status() !== 404)
      problems.push(`otherInstructor POST own class with the owner's learner ${fields.intent}: ${response.status()}`);
  }
  // Village changes and grants in a unit: refused to everyone who is not an official of it (or an administrator).
  const unitActions: [string, Record<string, string>][] = [
    [`/vi/report/units/${UNIT}`, { intent: "add-village", name: "Thôn Chen Vào" }],
    [`/vi/report/units/${UNIT}`, { intent: "merge", from: "MAU01-T01", into: "MAU01-T02" }],
    [`/vi/report/units/${UNIT}`, { intent: "grant", unitCode: "MAU01-T01", login: otherOfficialLogin }],
    [`/vi/report/units/${UNIT}/targets`, { intent: "save", year: "2025", "targetPercent-adult": "1" }],
  ];
  for (const [url, fields] of unitActions) {
    for (const role of roles.filter((r) => r !== "official" && r !== "admin")) {
      const response = await clients[role].post(url, form(fields));
      if (response.status() !== 404) problems.push(`${role} POST ${url} ${JSON.stringify(fields)}: ${response.status()}, expected 404`);
    }
  }
  // An official of a commune cannot make anyone an official of the commune itself (only of units below it).
  const selfGrant = await clients.official.post(
    `/vi/report/units/${UNIT}`,
    form({ intent: "grant", unitCode: UNIT, login: otherOfficialLogin }),
  );
  if (selfGrant.status() !== 403) problems.push(`official grants their own unit: ${selfGrant.status()}, expected 403`);
  for (const role of roles.filter((r) => r !== "admin")) {
    const response = await clients[role].post("/vi/admin/roles", form({ intent: "grant", role: "admin", learnerId: member.id }));
    if (response.status() !== 404) problems.push(`${role} POST /vi/admin/roles: ${response.status()}, expected 404`);
  }
  for (const role of roles.filter((r) => r !== "mentor" && r !== "learner")) {
    const response = await clients[role].post(`/vi/follow/${linkId}`, form({}));
    if (response.status() !== 404) problems.push(`${role} POST /vi/follow/${linkId}: ${response.status()}, expected 404`);
  }
  // Only a mentor invites as a mentor.
  const notMentor = await clients.otherLearner.post("/vi/follow", form({ intent: "invite", kind: "mentor" }));
  if (notMentor.status() !== 403) problems.push(`otherLearner invites as a mentor: ${notMentor.status()}`);
  expect(problems).toEqual([]);

  // Nothing changed: the member is still in the class, not renamed, no assignment, no new learner,
  // the PIN still works, nobody became an administrator, and no session was started.
  const classPage = await (await clients.owner.get(base)).text();
  expect(classPage).toContain(memberName);
  expect(classPage).toContain("Lớp Bảo Mật");
  expect(classPage).toContain("Chưa giao chủ đề nào.");
  expect(classPage).not.toContain("Người Lạ Chen Vào");
  expect((await clients.owner.get(`${base}/session`)).status()).toBe(200);
  expect(await (await clients.owner.get(`${base}/session`)).text()).toContain("Bắt đầu buổi học hôm nay");
  const again = await newClient(baseURL!);
  expect((await again.post("/vi/login/pin", form({ login: member.username, pin: member.pin }))).status()).toBe(302);
  expect((await clients.learner.get("/vi/admin/roles")).status()).toBe(404);
  const unitPage = await (await clients.official.get(`/vi/report/units/${UNIT}`)).text();
  expect(unitPage).not.toContain("Thôn Chen Vào");
  expect(unitPage).toContain("Thôn Tân Lập");
  expect(unitPage).not.toContain(memberName);
  expect(await (await clients.otherOfficial.get("/vi/report")).text()).not.toContain("Tỉnh Mẫu");

  // Exports hold only the class's own learners.
  const ownCsv = await (await clients.owner.get(`${base}/export.csv`)).text();
  expect(ownCsv).toContain(memberName);
  expect(ownCsv).not.toContain("Học Viên Lớp Khác");
  expect(ownCsv).not.toContain("Người Học Khác");
  const otherCsv = await (await clients.otherInstructor.get(`/vi/teach/classes/${otherClassId}/export.csv`)).text();
  expect(otherCsv).toContain("Học Viên Lớp Khác");
  expect(otherCsv).not.toContain(memberName);

  // The followed person can end the link; then the mentor is told so (issue 18), and sees nothing of her.
  const sharing = await (await clients.learner.get("/vi/sharing")).text();
  expect(sharing).toContain("Đại Sứ Số");
  expect((await clients.learner.post("/vi/sharing", form({ linkId }))).status()).toBe(302);
  const ended = await clients.mentor.get(`/vi/follow/${linkId}`);
  expect(ended.status()).toBe(410);
  const endedBody = await ended.text();
  expect(endedBody).toContain("Người này đã dừng chia sẻ");
  expect(endedBody).not.toContain(memberName);
  expect((await clients.mentor.post(`/vi/follow/${linkId}`, form({}))).status()).toBe(404);

  for (const client of [...Object.values(clients), again]) await client.dispose();
});
