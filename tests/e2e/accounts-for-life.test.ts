import { expect, test, type Page } from "@playwright/test";
import {
  createClass,
  createPinLearners,
  form,
  newPhone,
  postPractice,
  postQuiz,
  signUpAs,
  signUpWithRole,
  unique,
} from "./classes-helpers";
import { expectAccessible, expectPhoneFriendly, lessonIds, moduleIds, readPractices } from "./fixtures";

/**
 * Accounts for life (issue 14), as a person meets them, with JavaScript off where a form is the
 * point: the way back from a forgotten password (printed recovery codes, a teacher's reset code),
 * the learner's own data (downloads, corrections, consent, deletion), the facilitator deleting a
 * PIN learner's account with them, and the administrators' audit log.
 */

// Each test signs up several people (argon2 each) and walks whole flows.
test.describe.configure({ timeout: 120_000 });

const PASSWORD = "mat-khau-dai-8";

async function readCodes(page: Page): Promise<string[]> {
  return (await page.locator("[data-recovery-code]").allTextContents()).map((c) => c.trim());
}

async function resetWith(page: Page, login: string, code: string, password: string) {
  await page.goto("/vi/login");
  await page.getByRole("link", { name: "Quên mật khẩu?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Quên mật khẩu?" })).toBeVisible();
  await page.getByLabel("Tên đăng nhập", { exact: false }).first().fill(login);
  await page.getByLabel("Mã khôi phục hoặc mã đặt lại").fill(code);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đặt mật khẩu mới" }).click();
}

test("a learner prints recovery codes, gets back in with one, once; every other session ends", async ({ browser }) => {
  const { page, login, context } = await signUpAs(browser, "Nguyễn Thị Nhớ", { javaScriptEnabled: false });
  // The progress page asks for recovery codes.
  await expect(page.getByText("Hãy làm mã khôi phục")).toBeVisible();
  await page.getByRole("link", { name: "Làm mã khôi phục" }).click();
  await page.getByRole("button", { name: "Làm mã khôi phục" }).click();
  await expect(page.getByText("Hãy cất tờ giấy này cùng căn cước.")).toBeVisible();
  const codes = await readCodes(page);
  expect(codes).toHaveLength(8);
  expect(codes.every((c) => /^[0-9A-Z]{4} [0-9A-Z]{4} [0-9A-Z]{4}$/.test(c))).toBe(true);
  // Shown once: the page again says only how many are left.
  await page.goto("/vi/recovery-codes");
  await expect(page.locator("[data-recovery-code]")).toHaveCount(0);
  await expect(page.getByText("còn 8 trên 8 mã chưa dùng")).toBeVisible();

  // On a borrowed phone, the password forgotten: a recovery code, typed in lower case without spaces.
  const borrowed = await newPhone(browser, false);
  const other = await borrowed.newPage();
  await resetWith(other, login, codes[0]!.toLowerCase().replace(/ /g, ""), "mat-khau-moi-9");
  await expect(other.getByText("Mật khẩu mới đã được lưu.")).toBeVisible();
  await expect(other.getByText("còn 7 trên 8 mã chưa dùng")).toBeVisible();
  // The first phone's session has ended.
  await page.goto("/vi/my-data");
  await expect(page).toHaveURL(/\/vi\/login\?redirectTo=/);
  // The same code a second time, and the old password: refused.
  const third = await (await newPhone(browser, false)).newPage();
  await resetWith(third, login, codes[0]!, "mat-khau-khac-9");
  await expect(third.getByRole("alert")).toContainText("mã đã dùng hay đã hết hạn");
  const old = await third.request.post("/vi/login", form({ login, password: PASSWORD }));
  expect(old.status()).toBe(400);
  const fresh = await third.request.post("/vi/login", form({ login, password: "mat-khau-moi-9" }));
  expect(fresh.status()).toBe(302);
  await context.close();
  await borrowed.close();
});

test("a teacher gives a learner of their class a reset code; a teacher of another class is refused like a 404", async ({ browser }) => {
  const teacher = await signUpWithRole(browser, "Cô Lan Lớp Một", "instructor");
  const otherTeacher = await signUpWithRole(browser, "Thầy Lớp Hai", "instructor");
  const { id: classId, code } = await createClass(teacher.page, "Lớp Quên Mật Khẩu");
  const { id: otherClassId } = await createClass(otherTeacher.page, "Lớp Khác Hẳn");
  const learner = await signUpAs(browser, "Trần Văn Quên");
  await learner.page.goto(`/vi/join/${code}`);
  await learner.page.getByRole("button", { name: /Vào lớp/ }).click();
  await expect(learner.page.getByText("Bạn đã vào lớp.")).toBeVisible();
  const learnerId = ((await (await learner.page.request.get("/vi/my-data/export.json")).json()) as { account: { id: string } }).account.id;

  // The other class's teacher: a 404, through their own class or the right one.
  for (const url of [`/vi/teach/classes/${otherClassId}/learners/${learnerId}`, `/vi/teach/classes/${classId}/learners/${learnerId}`]) {
    const refused = await otherTeacher.page.request.post(url, form({ intent: "reset-code" }));
    expect(refused.status(), url).toBe(404);
    expect(await refused.text()).not.toContain("Trần Văn Quên");
  }

  await teacher.page.goto(`/vi/teach/classes/${classId}/learners/${learnerId}`);
  await teacher.page.getByRole("button", { name: "Tạo mã đặt lại mật khẩu" }).click();
  const resetCode = (await teacher.page.locator("[data-reset-code]").textContent())!.trim();
  expect(resetCode).toMatch(/^[0-9A-Z]{4} [0-9A-Z]{4} [0-9A-Z]{4}$/);

  const phone = await (await newPhone(browser, false)).newPage();
  await resetWith(phone, learner.login, resetCode, "mat-khau-moi-10");
  await expect(phone.getByText("Mật khẩu mới đã được lưu.")).toBeVisible();

  // The administrator sees who issued it, and for whom.
  const admin = await signUpWithRole(browser, "Quản Trị Nhật Ký", "admin");
  await admin.page.goto("/vi/admin/audit?action=password.resetCode");
  const row = admin.page.locator("tbody tr", { hasText: "Trần Văn Quên" });
  await expect(row).toContainText("Cô Lan Lớp Một");
  await expect(row).toContainText("Tạo mã đặt lại mật khẩu");
  await expectAccessible(admin.page);
});

test("my data: every attempt in the download, corrections and consent, then deleting the account without JavaScript", async ({
  browser,
}) => {
  const { page, login } = await signUpAs(browser, "Lê Thị Xóa Bỏ", { javaScriptEnabled: false });
  // A module finished and its certificate claimed (the module quickest to finish).
  const moduleId = moduleIds("vi").sort(
    (a, b) => lessonIds("vi", a).length + readPractices("vi", a).length - (lessonIds("vi", b).length + readPractices("vi", b).length),
  )[0]!;
  let attempts = 0;
  await postQuiz(page.request, moduleId, lessonIds("vi", moduleId)[0]!, { wrong: 3 });
  attempts++;
  for (const lessonId of lessonIds("vi", moduleId)) {
    await postQuiz(page.request, moduleId, lessonId);
    attempts++;
  }
  for (const practice of readPractices("vi", moduleId)) {
    await postPractice(page.request, moduleId, practice);
    attempts++;
  }
  const claimed = await page.request.post(`/vi/certificates/claim/${moduleId}`, form({ printedName: "Lê Thị Xóa Bỏ" }));
  expect(claimed.status()).toBe(302);
  const certificateCode = /certificates\/([0-9A-Z-]{17})/.exec(claimed.headers().location ?? "")![1]!;

  await page.goto("/vi/my-data");
  await expect(page.getByRole("heading", { level: 2, name: `Các lần làm bài (${attempts})` })).toBeVisible();
  const json = await page.request.get("/vi/my-data/export.json");
  expect(json.headers()["content-disposition"]).toMatch(/attachment; filename="du-lieu-cua-toi-\d{4}-\d\d-\d\d\.json"/);
  const exported = (await json.json()) as { attempts: unknown[]; account: { username: string }; certificates: { code: string }[] };
  expect(exported.attempts).toHaveLength(attempts);
  expect(exported.account.username).toBe(login);
  expect(exported.certificates.map((c) => c.code)).toEqual([certificateCode]);
  expect(JSON.stringify(exported)).not.toMatch(/argon2|password_hash|pin_hash/);
  const html = await page.request.get("/vi/my-data/export.html");
  expect(await html.text()).toContain("Lê Thị Xóa Bỏ");

  // Correcting the name typed at sign-up.
  await page.getByLabel("Họ và tên", { exact: false }).first().fill("Lê Thị Xoá Bỏ Mới");
  await page.getByRole("button", { name: "Lưu tên" }).click();
  await expect(page.getByText("Đã lưu tên mới.")).toBeVisible();
  // Consent: agreeing to the leaderboard, then taking it back; the terms are on record.
  await page.getByRole("button", { name: "Đồng ý hiện tên trên bảng xếp hạng" }).click();
  await expect(page.getByText("Tên bạn có thể hiện trên bảng xếp hạng cuộc thi.")).toBeVisible();
  await page.getByRole("button", { name: "Rút lại: không hiện tên" }).click();
  await expect(page.locator("#data-consents ~ * tbody, section:has(#data-consents) tbody")).toContainText("Cách trang lưu và dùng dữ liệu");

  // Deleting: without the tick, the page says what is missing; nothing is deleted.
  await page.getByRole("link", { name: "Tôi muốn xóa tài khoản" }).click();
  await expect(page.getByText("1 giấy chứng nhận sẽ bị thu hồi")).toBeVisible();
  await page.getByLabel("Mật khẩu của bạn").fill(PASSWORD);
  await page.getByRole("button", { name: "Xóa tài khoản" }).click();
  await expect(page.getByRole("alert")).toContainText("Hãy đánh dấu ô xác nhận");
  await page.getByLabel("Tôi hiểu: tài khoản bị xóa hẳn").check();
  await page.getByLabel("Mật khẩu của bạn").fill(PASSWORD);
  await page.getByRole("button", { name: "Xóa tài khoản" }).click();
  await expect(page).toHaveURL(/\/vi\?notice=accountDeleted/);
  await expect(page.getByText("Tài khoản của bạn đã được xóa.")).toBeVisible();

  // Gone: the log-in fails, the certificate is revoked and /verify no longer shows the name.
  expect((await page.request.post("/vi/login", form({ login, password: PASSWORD }))).status()).toBe(400);
  await page.goto(`/vi/verify/${certificateCode}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("thu hồi");
  await expect(page.locator("main")).not.toContainText("Xóa Bỏ");
  await expect(page.locator("main")).not.toContainText("Xoá Bỏ");
});

test("a facilitator deletes a PIN learner's account with them present; the audit log keeps it without the name", async ({ browser }) => {
  const teacher = await signUpWithRole(browser, "Cô Hướng Dẫn", "instructor");
  const { id: classId } = await createClass(teacher.page, "Lớp Người Cao Tuổi");
  const [person] = await createPinLearners(teacher.page, classId, [
    { name: `Bà Năm ${unique().slice(-4)}`, birthYear: "1950", place: "Xóm Giữa" },
  ]);
  const phone = await newPhone(browser, false);
  const page = await phone.newPage();
  await page.goto("/vi/login/pin");
  await page.getByLabel("Tên đăng nhập").fill(person!.username);
  await page.getByLabel("Mã PIN").fill(person!.pin);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  const learnerId = ((await (await page.request.get("/vi/my-data/export.json")).json()) as { account: { id: string } }).account.id;

  await teacher.page.goto(`/vi/teach/classes/${classId}/learners/${learnerId}`);
  await teacher.page.getByRole("link", { name: "Dữ liệu của học viên, xóa tài khoản" }).click();
  await expect(teacher.page.getByText("Chỉ mở trang này khi học viên ngồi cạnh bạn.")).toBeVisible();
  await expect(teacher.page.getByText("Xóm Giữa")).toBeVisible();
  const download = await teacher.page.request.get(`/vi/teach/classes/${classId}/learners/${learnerId}/data/export.json`);
  expect(((await download.json()) as { account: { username: string } }).account.username).toBe(person!.username);
  await teacher.page.getByLabel(`${person!.name} đang ngồi cạnh tôi`).check();
  await teacher.page.getByLabel("Tôi hiểu: tài khoản bị xóa hẳn").check();
  await teacher.page.getByRole("button", { name: `Xóa tài khoản của ${person!.name}` }).click();
  await expect(teacher.page).toHaveURL(new RegExp(`/vi/teach/classes/${classId}\\?deleted=1`));
  await expect(teacher.page.locator("main")).not.toContainText(person!.name);
  // The learner's own session is gone with the account.
  await page.goto("/vi/my-data");
  await expect(page).toHaveURL(/\/vi\/login\?redirectTo=/);

  const admin = await signUpWithRole(browser, "Quản Trị Xem Nhật Ký", "admin");
  await admin.page.goto("/vi/admin/audit");
  await expect(admin.page.locator("tbody tr", { hasText: "Xóa tài khoản giúp học viên" }).first()).toContainText("Tài khoản đã xóa");
  await expect(admin.page.locator("tbody tr", { hasText: "Tải dữ liệu giúp học viên" }).first()).toContainText("Tài khoản đã xóa");
  await expect(admin.page.locator("main")).not.toContainText(person!.name);
});

test("the privacy page and the way back read well on a phone, in both languages", async ({ browser }) => {
  const page = await (await newPhone(browser)).newPage();
  for (const url of ["/vi/privacy", "/en/privacy", "/vi/forgot-password", "/en/forgot-password"]) {
    await page.goto(url);
    await expectAccessible(page);
    await expectPhoneFriendly(page);
  }
  // A learner's own pages (axe needs the page's JavaScript).
  const { page: own } = await signUpAs(browser, "Phạm Thị Đọc Kỹ");
  await own.goto("/vi/recovery-codes");
  await own.getByRole("button", { name: "Làm mã khôi phục" }).click();
  await expect(own.locator("[data-recovery-code]")).toHaveCount(8);
  for (const url of [null, "/vi/my-data", "/en/my-data", "/vi/my-data/delete"]) {
    if (url) await own.goto(url);
    await expectAccessible(own);
    await expectPhoneFriendly(own);
  }
  await page.goto("/vi/privacy");
  await expect(page.getByText("Luật số 91/2025/QH15, có hiệu lực từ 1/1/2026")).toBeVisible();
  await expect(page.getByText("xóa sau 12 tháng không học")).toBeVisible();
  await page.goto("/en/privacy");
  await expect(page.getByText("Law 91/2025/QH15, in force from 1/1/2026")).toBeVisible();
});
