import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { adminCommand, form, unique } from "./classes-helpers";

/**
 * Who may see what: every role (anonymous, a learner of the class, another learner, the class's
 * instructor, another instructor, a mentor, an administrator) against every class, dashboard,
 * export, session and account-management route, with ids that belong to someone else. Anything
 * that should be refused is refused with a 404, changes nothing, and shows nothing of the learner.
 */

type Role = "anonymous" | "learner" | "otherLearner" | "owner" | "otherInstructor" | "mentor" | "admin";
const roles: Role[] = ["anonymous", "learner", "otherLearner", "owner", "otherInstructor", "mentor", "admin"];

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
  const response = await client.post(`/vi/teach/classes/${classId}/learners/new`, form({ name_0: name }));
  expect(response.status()).toBe(200);
  const html = await response.text();
  return {
    username: /data-username="[^"]*">([^<]+)</.exec(html)![1]!,
    pin: /data-pin="[^"]*">(\d{6})</.exec(html)![1]!,
    id: /cards\?ids=([0-9a-f-]{36})/.exec(html)![1]!,
  };
}

test("every role against every class, dashboard, export, session and account-management route", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const clients = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await newClient(baseURL!)] as const))) as Record<Role, APIRequestContext>;

  // Accounts and roles (roles granted with the documented command).
  const ownerLogin = await signUp(clients.owner, "Cô Chủ Nhiệm");
  const otherInstructorLogin = await signUp(clients.otherInstructor, "Thầy Lớp Khác");
  const mentorLogin = await signUp(clients.mentor, "Đại Sứ Số");
  const adminLogin = await signUp(clients.admin, "Quản Trị Viên");
  await signUp(clients.otherLearner, "Người Học Khác");
  await Promise.all([
    adminCommand(["grant", ownerLogin, "instructor"]),
    adminCommand(["grant", otherInstructorLogin, "instructor"]),
    adminCommand(["grant", mentorLogin, "mentor"]),
    adminCommand(["grant", adminLogin, "admin"]),
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

  const base = `/vi/teach/classes/${classId}`;
  const allow = (who: Role[], status = 200) => Object.fromEntries(roles.map((r) => [r, who.includes(r) ? status : 404])) as Record<Role, number>;
  const onlyOwner = allow(["owner"]);
  const pages: [string, Record<Role, number>][] = [
    ["/vi/teach", allow(["owner", "otherInstructor"])],
    [base, onlyOwner],
    [`${base}/progress`, onlyOwner],
    [`${base}/progress?module=smart-devices`, onlyOwner],
    [`${base}/export.csv`, onlyOwner],
    [`${base}/cards`, onlyOwner],
    [`${base}/cards?ids=${member.id}`, onlyOwner],
    [`${base}/poster`, onlyOwner],
    [`${base}/session`, onlyOwner],
    [`${base}/session/present`, { ...onlyOwner, owner: 302 }],
    [`${base}/learners/new`, onlyOwner],
    [`${base}/learners/${member.id}`, onlyOwner],
    // Someone else's learner through one's own class, and someone else's class with its own learner.
    [`${base}/learners/${outsider.id}`, allow([])],
    [`/vi/teach/classes/${otherClassId}/learners/${member.id}`, allow([])],
    [`/vi/teach/classes/${otherClassId}/learners/${outsider.id}`, allow(["otherInstructor"])],
    [`/vi/teach/classes/${otherClassId}/export.csv`, allow(["otherInstructor"])],
    ["/vi/admin/roles", allow(["admin"])],
    ["/vi/admin/roles?q=m", allow(["admin"])],
    [`/vi/follow/${linkId}`, allow(["mentor"])],
    ["/vi/follow", allow(["learner", "otherLearner", "owner", "otherInstructor", "mentor", "admin"])],
  ];
  const problems: string[] = [];
  for (const [url, expected] of pages) {
    for (const role of roles) {
      const response = await clients[role].get(url, { maxRedirects: 0 });
      if (response.status() !== expected[role]) problems.push(`${role} GET ${url}: ${response.status()}, expected ${expected[role]}`);
      // (The learner's own pages greet them by name; everyone else must see nothing of them.)
      if (response.status() === 404 && role !== "learner") {
        const body = await response.text();
        if (body.includes(memberName) || body.includes(member.username)) problems.push(`${role} GET ${url}: the refusal shows the learner`);
      }
    }
  }

  // Changes: everyone but the owner is refused and nothing changes.
  const actions: [string, Record<string, string>][] = [
    [base, { intent: "assign", moduleId: "smart-devices", dueDate: "" }],
    [base, { intent: "update", name: "Đổi tên" }],
    [`${base}/learners/new`, { name_0: "Người Lạ Chen Vào" }],
    [`${base}/learners/${member.id}`, { intent: "reset-pin" }],
    [`${base}/learners/${member.id}`, { intent: "remove" }],
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
    if (response.status() !== 404) problems.push(`otherInstructor POST own class with the owner's learner ${fields.intent}: ${response.status()}`);
  }
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

  // Exports hold only the class's own learners.
  const ownCsv = await (await clients.owner.get(`${base}/export.csv`)).text();
  expect(ownCsv).toContain(memberName);
  expect(ownCsv).not.toContain("Học Viên Lớp Khác");
  expect(ownCsv).not.toContain("Người Học Khác");
  const otherCsv = await (await clients.otherInstructor.get(`/vi/teach/classes/${otherClassId}/export.csv`)).text();
  expect(otherCsv).toContain("Học Viên Lớp Khác");
  expect(otherCsv).not.toContain(memberName);

  // The followed person can end the link; then the mentor is refused too.
  const sharing = await (await clients.learner.get("/vi/sharing")).text();
  expect(sharing).toContain("Đại Sứ Số");
  expect((await clients.learner.post("/vi/sharing", form({ linkId }))).status()).toBe(302);
  expect((await clients.mentor.get(`/vi/follow/${linkId}`)).status()).toBe(404);

  for (const client of [...Object.values(clients), again]) await client.dispose();
});
