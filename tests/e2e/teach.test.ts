import SQLite from "better-sqlite3";
import ExcelJS from "exceljs";
import { expect, request as playwrightRequest, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, expectPhoneFriendly, lessonIds, readLesson, readModuleTitle, readPractices } from "./fixtures";
import {
  adminCommand,
  createClass,
  createPinLearners,
  form,
  newPhone,
  pinLogin,
  postQuiz,
  serverDatabaseEnv,
  signUpAs,
  takeQuiz,
  unique,
} from "./classes-helpers";

/**
 * Issue 11, "Facilitators" and "Teachers": a facilitator on an old phone with JavaScript off
 * (360 px) creates learners and prints their cards without losing a PIN; every destructive step is
 * asked again and then named; a teacher closes a class, changes its code, keeps a removed learner
 * out and adds them back; the results open in Excel as XLSX with practice and attendance.
 */

const moduleId = "smart-devices";
const lessonId = "camera-and-qr";

/** An instructor's phone, JavaScript off unless asked. */
async function instructorPhone(browser: Browser, name: string, { javaScriptEnabled = false } = {}) {
  const account = await signUpAs(browser, name, { javaScriptEnabled });
  await adminCommand(["grant", account.login, "instructor"]);
  return account;
}

test("without JavaScript, new learners' PINs survive 'Thêm dòng', the cards, Back and a reload, until the facilitator confirms", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const facilitator = await instructorPhone(browser, "Chị Lương Thị Nga");
  const page = facilitator.page;
  const klass = await createClass(page, "Tổ học Thôn Nam");

  // Three names typed, then "Thêm dòng": the names are still there, with empty rows below.
  await page.goto(`/vi/teach/classes/${klass.id}/learners/new`);
  const names = ["Đỗ Văn Hải", "Vũ Thị Sen", "Hà Văn Lộc"];
  for (const [i, name] of names.entries()) await page.locator(`#name_${i}`).fill(name);
  await page.locator("#birthYear_1").fill("1961");
  await page.getByRole("button", { name: "Thêm dòng" }).click();
  for (const [i, name] of names.entries()) await expect(page.locator(`#name_${i}`)).toHaveValue(name);
  await expect(page.locator("#birthYear_1")).toHaveValue("1961");
  await expect(page.locator("#name_5")).toHaveValue("");
  await expect(page).toHaveURL(/#person-3$/);
  await page.locator("#name_3").fill("Mai Thị Thu");
  await page.getByLabel("Tôi đã đọc cho những người trên nghe, và họ đồng ý.").check();
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();

  // The PIN page: a plain address, so Back and reload find it again.
  await expect(page).toHaveURL(new RegExp(`/teach/classes/${klass.id}/pins$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mã PIN của người học mới");
  const rows = page.locator("table.cls-pins tbody tr");
  await expect(rows).toHaveCount(4);
  const pinOf = async (name: string) =>
    (await page.locator("table.cls-pins tbody tr", { hasText: name }).locator("[data-pin]").textContent())!.trim();
  const pins = new Map<string, string>();
  for (const name of [...names, "Mai Thị Thu"]) pins.set(name, await pinOf(name));
  for (const pin of pins.values()) expect(pin).toMatch(/^\d{6}$/);
  await expectPhoneFriendly(page);

  // "In thẻ đăng nhập": each card carries the PIN, the steps, the class, the facilitator and the site.
  await page.getByRole("link", { name: "In thẻ đăng nhập" }).click();
  const card = page.locator(".cls-login-card", { hasText: "Vũ Thị Sen" });
  await expect(page.locator(".cls-login-card")).toHaveCount(4);
  await expect(card.locator("[data-pin]")).toHaveText(pins.get("Vũ Thị Sen")!);
  await expect(card).toContainText("Lớp: Tổ học Thôn Nam");
  await expect(card).toContainText("Người hướng dẫn: Chị Lương Thị Nga");
  await expect(card.locator("ol li")).toHaveText(["Mở máy ảnh, quét mã QR.", "Gõ mã PIN, bấm Đăng nhập."]);
  await expect(card.locator("[data-site]")).toHaveText(/^[^/]+(:\d+)?\/vi\/login\/pin$/);
  await expect(page.getByText("Để in, hãy dùng lệnh In trong trình đơn của trình duyệt.")).toBeVisible();

  // Back, then a reload: the same PINs.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/pins$`));
  expect(await pinOf("Đỗ Văn Hải")).toBe(pins.get("Đỗ Văn Hải"));
  await page.reload();
  expect(await pinOf("Hà Văn Lộc")).toBe(pins.get("Hà Văn Lộc"));

  // Another browser of the same facilitator's account does not see them (the key is in this one).
  const elsewhere = await newPhone(browser, false);
  const other = await elsewhere.newPage();
  await other.goto("/vi/login");
  await other.getByLabel("Số điện thoại hoặc tên đăng nhập").fill(facilitator.login);
  await other.getByLabel("Mật khẩu").fill("mat-khau-dai-8");
  await other.getByRole("button", { name: "Đăng nhập" }).click();
  await other.goto(`/vi/teach/classes/${klass.id}/pins`);
  await expect(other.locator("table.cls-pins")).toHaveCount(0);
  await expect(other.getByText("Không còn mã PIN nào đang chờ.")).toBeVisible();
  await elsewhere.close();

  // Confirming without the tick is named at the top of the form; with it, the PINs are gone.
  await page.getByRole("button", { name: "Xong, xóa mã PIN khỏi trang" }).click();
  await expect(page).toHaveURL(/#done$/);
  await expect(page.locator(".error-summary")).toContainText("Hãy đánh dấu ô này khi bạn đã ghi hoặc in xong mã PIN.");
  expect(await pinOf("Vũ Thị Sen")).toBe(pins.get("Vũ Thị Sen"));
  await page.getByLabel("Tôi đã ghi hoặc in mã PIN cho cả 4 người").check();
  await page.getByRole("button", { name: "Xong, xóa mã PIN khỏi trang" }).click();
  await expect(page).toHaveURL(new RegExp(`/teach/classes/${klass.id}\\?pinsDone=4#members$`));
  await expect(page.getByRole("status").filter({ hasText: "Đã xóa mã PIN của 4 người khỏi trang." })).toBeVisible();
  await page.goto(`/vi/teach/classes/${klass.id}/cards`);
  await expect(page.locator(".cls-login-card [data-pin]")).toHaveCount(0);
  await expect(page.locator(".cls-login-card .cls-pin-box")).toHaveCount(4);

  // The PIN still works; on the shared phone's "Đổi người học" a wrong PIN speaks of the PIN only.
  const shared = await newPhone(browser, false);
  const phone = await shared.newPage();
  const username = (await page.locator(".cls-login-card", { hasText: "Vũ Thị Sen" }).locator("[data-username]").textContent())!.trim();
  await pinLogin(phone, username, pins.get("Vũ Thị Sen")!);
  await expect(phone).not.toHaveURL(/\/login/);
  const pinField = async () => phone.getByLabel("Mã PIN");
  await phone.goto("/vi/login/pin");
  // A text field shown as dots: a shared phone is never asked to save it as a password.
  await expect(await pinField()).toHaveAttribute("type", "text");
  await expect(await pinField()).toHaveAttribute("autocomplete", "off");
  await phone.goto("/vi/switch");
  await phone.getByRole("link", { name: "Vũ Thị Sen" }).click();
  await (await pinField()).fill(pins.get("Vũ Thị Sen") === "000000" ? "111111" : "000000");
  await phone.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(phone.getByRole("alert")).toContainText("Mã PIN chưa đúng. Hãy thử lại.");
  await expect(phone.getByRole("alert")).not.toContainText("tên đăng nhập");
  await shared.close();
  await facilitator.context.close();
});

test("without JavaScript, resetting a PIN, removing a learner, unassigning, a new code, closing the class and granting administrator are asked first and then named", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const teacher = await instructorPhone(browser, "Thầy Tạ Minh Đức");
  const page = teacher.page;
  const klass = await createClass(page, "Lớp phụ huynh khối 5");
  await page.getByLabel("Chủ đề").selectOption(moduleId);
  // A past due date is refused, and what was typed stays.
  await page.getByLabel("Hạn hoàn thành").fill("2020-05-01");
  await page.getByRole("button", { name: "Giao bài" }).click();
  await expect(page.getByText("Hạn này đã qua. Hãy chọn hôm nay hoặc một ngày sau.")).toBeVisible();
  await expect(page.getByLabel("Hạn hoàn thành")).toHaveValue("2020-05-01");
  await page.getByLabel("Hạn hoàn thành").fill("2031-06-30");
  await page.getByRole("button", { name: "Giao bài" }).click();
  await expect(page.locator("#assignments ~ ul")).toContainText("hạn 30/06/2031");
  // The due date changes without assigning again.
  await page.locator("summary", { hasText: "Đổi hạn" }).click();
  await page.locator(`#due-${moduleId}`).fill("2031-07-15");
  await page.getByRole("button", { name: "Lưu hạn mới" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã đổi hạn của chủ đề" })).toBeVisible();
  await expect(page.locator("#assignments ~ ul")).toContainText("hạn 15/07/2031");

  // A guest joins with the link; the teacher removes her after a confirmation.
  const guestContext = await newPhone(browser, false);
  const guest = await guestContext.newPage();
  await guest.goto(`/vi/join/${klass.code}`);
  await guest.getByLabel("Tên của bạn").fill("Chị Phan Thị Gấm");
  await guest.getByRole("button", { name: "Vào lớp" }).click();
  await expect(guest).toHaveURL(/\/vi\/classes\?joined=1/);
  await page.reload();
  await page.getByRole("link", { name: "Chị Phan Thị Gấm" }).click();
  await page.getByRole("button", { name: "Cho Chị Phan Thị Gấm ra khỏi lớp" }).click();
  await expect(page).toHaveURL(/#confirm-remove$/);
  await expect(page.locator("#confirm-remove")).toContainText("Cho Chị Phan Thị Gấm ra khỏi lớp Lớp phụ huynh khối 5?");
  await expectPhoneFriendly(page);
  // "No" changes nothing.
  await page.getByRole("link", { name: "Không, quay lại" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chị Phan Thị Gấm");
  await expect(page.locator("#confirm-remove")).toHaveCount(0);
  await page.getByRole("button", { name: "Cho Chị Phan Thị Gấm ra khỏi lớp" }).click();
  await page.getByRole("button", { name: "Có, cho ra khỏi lớp" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã cho Chị Phan Thị Gấm ra khỏi lớp." })).toBeVisible();
  await expectPhoneFriendly(page);

  // The same link no longer lets her back in…
  await guest.goto(`/vi/join/${klass.code}`);
  await expect(guest.getByText("Người hướng dẫn đã cho bạn ra khỏi lớp này.")).toBeVisible();
  expect((await guest.request.post(`/vi/join/${klass.code}`, form({ displayName: "Gấm" }))).status()).toBe(403);
  // …until the teacher adds her back.
  await page.getByRole("button", { name: /^Thêm lại vào lớp\s*: Chị Phan Thị Gấm$/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã thêm Chị Phan Thị Gấm vào lớp lại." })).toBeVisible();
  await expect(page.locator("#members ~ ul")).toContainText("Chị Phan Thị Gấm");

  // Unassigning is asked first, then named.
  await page.getByRole("button", { name: /^Bỏ giao/ }).click();
  await expect(page.locator("#confirm-unassign")).toContainText("Bỏ giao chủ đề");
  await page.getByRole("button", { name: "Có, bỏ giao" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã bỏ giao chủ đề" })).toBeVisible();
  await expect(page.getByText("Chưa giao chủ đề nào.")).toBeVisible();

  // A new code: the old link stops working at once.
  await page.getByRole("button", { name: "Đổi mã lớp mới" }).click();
  await page.getByRole("button", { name: "Có, đổi mã lớp" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã đổi mã lớp." })).toBeVisible();
  const newCode = (await page.locator(".cls-join .cls-code").textContent())!.replace(/\s/g, "");
  expect(newCode).not.toBe(klass.code);
  expect((await guest.goto(`/vi/join/${klass.code}`))?.status()).toBe(404);

  // Closing the class: asked, named, out of the list of current classes, and the link takes no one.
  await page.getByRole("button", { name: "Đóng lớp", exact: true }).click();
  await page.getByRole("button", { name: "Có, đóng lớp" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã đóng lớp." })).toBeVisible();
  const newcomer = await newPhone(browser, false);
  const newcomerPage = await newcomer.newPage();
  await newcomerPage.goto(`/vi/join/${newCode}`);
  await expect(newcomerPage.getByText("Lớp này hiện không nhận thêm học viên.")).toBeVisible();
  expect((await newcomerPage.request.post(`/vi/join/${newCode}`, form({ displayName: "Người mới" }))).status()).toBe(403);
  await page.goto("/vi/teach");
  await expect(page.locator(".cls-list")).not.toContainText("Lớp phụ huynh khối 5");
  await page.locator("summary", { hasText: "Lớp đã đóng (1)" }).click();
  await page.getByRole("link", { name: "Lớp phụ huynh khối 5" }).click();
  await page.getByRole("button", { name: "Mở lại lớp" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã mở lại lớp." })).toBeVisible();
  await newcomer.close();
  await guestContext.close();

  // A PIN reset is asked first and says whose PIN it is.
  await page.goto(`/vi/teach/classes/${klass.id}/learners/new`);
  await page.locator("#name_0").fill("Ông Lục Văn Khánh");
  await page.getByLabel("Tôi đã đọc cho những người trên nghe, và họ đồng ý.").check();
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  const firstPin = (await page.locator("[data-pin]").textContent())!.trim();
  await page.getByLabel(/Tôi đã ghi hoặc in mã PIN/).check();
  await page.getByRole("button", { name: "Xong, xóa mã PIN khỏi trang" }).click();
  await page.getByRole("link", { name: "Ông Lục Văn Khánh" }).click();
  await page.getByRole("button", { name: "Đặt lại mã PIN" }).click();
  await expect(page.locator("#confirm-reset")).toContainText("Đặt mã PIN mới cho Ông Lục Văn Khánh?");
  await expect(page.locator("[data-pin]")).toHaveCount(0);
  await page.getByRole("button", { name: "Có, đặt mã PIN mới" }).click();
  await expect(page.getByRole("status")).toContainText("Mã PIN mới của Ông Lục Văn Khánh:");
  const newPin = (await page.locator("[data-pin]").textContent())!.trim();
  expect(newPin).toMatch(/^\d{6}$/);
  // The reprinted card carries the new PIN (kept like a new learner's until confirmed).
  await page.getByRole("link", { name: "In lại thẻ" }).click();
  await expect(page.locator(".cls-login-card [data-pin]")).toHaveText(newPin === firstPin ? firstPin : newPin);
  await teacher.context.close();

  // An administrator making someone an administrator is asked first; the notice names the person.
  const admin = await signUpAs(browser, "Cán bộ Hồ Thị Vân", { javaScriptEnabled: false });
  await adminCommand(["grant", admin.login, "admin"]);
  const target = await signUpAs(browser, `Anh Kha ${unique()}`, { javaScriptEnabled: false });
  await admin.page.goto(`/vi/admin/roles?q=${target.login}`);
  await admin.page.getByRole("button", { name: /^Cấp quyền Quản trị viên/ }).click();
  await expect(admin.page.locator("#confirm-admin")).toContainText("Cấp quyền Quản trị cho Anh Kha");
  await expect(admin.page.locator(".card", { hasText: target.login }).locator("p.meta")).not.toContainText("Quản trị viên");
  await admin.page.getByRole("button", { name: /^Có, cấp quyền Quản trị cho Anh Kha/ }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: /Đã cấp quyền Quản trị viên cho Anh Kha/ })).toBeVisible();
  await expect(admin.page.locator(".card", { hasText: target.login }).locator("p.meta")).toContainText("Quản trị viên");
  await admin.context.close();
  await target.context.close();
});

test("the results open in Excel as XLSX: lessons and practices per learner, sessions attended, nothing mastered called late", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const teacher = await instructorPhone(browser, "Cô Ninh Thị Hằng", { javaScriptEnabled: true });
  const page = teacher.page;
  // Created by a plain post and opened by address: a client-side navigation straight after creating a
  // class sometimes renders "Không tìm thấy trang" on this machine (also before issue 11; see the report).
  const created = await page.request.post("/vi/teach", form({ name: "Lớp Excel; Thôn 7" }));
  const classUrl = created.headers().location!;
  await page.goto(classUrl);
  const klass = {
    id: /\/teach\/classes\/([0-9a-f-]{36})/.exec(classUrl)![1]!,
    code: (await page.locator(".cls-join .cls-code").textContent())!.replace(/\s/g, ""),
  };
  await page.getByLabel("Chủ đề").selectOption(moduleId);
  await page.getByRole("button", { name: "Giao bài" }).click();
  const learnerContext = await newPhone(browser);
  const learner = await learnerContext.newPage();
  await learner.goto(`/vi/join/${klass.code}`);
  await learner.getByLabel("Tên của bạn").fill("Bà Âu Thị Nhung");
  await learner.getByRole("button", { name: "Vào lớp" }).click();
  await expect(learner).toHaveURL(/\/vi\/classes\?joined=1/);
  await postQuiz(learner.request, moduleId, lessonId);
  // One session, attended.
  await page.goto(`/vi/teach/classes/${klass.id}/session`);
  await page.getByRole("button", { name: "Bắt đầu buổi học hôm nay" }).click();
  await page.getByLabel("Bà Âu Thị Nhung").check();
  await page.getByRole("button", { name: "Lưu điểm danh" }).click();
  await expect(page.getByText("Đã điểm danh: 1 người có mặt.")).toBeVisible();

  // The due date passed long ago (the form refuses a past date; here time has moved on).
  const database = new SQLite(serverDatabaseEnv().SQLITE_PATH);
  database.prepare("update class_assignments set due_date = '2020-01-31' where class_id = ?").run(klass.id);
  database.close();

  const response = await page.request.get(`/vi/teach/classes/${klass.id}/export.xlsx`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="lop-excel-thon-7-\d{4}-\d{2}-\d{2}\.xlsx"/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.name).toBe("Kết quả");
  const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
  expect(values(1)).toEqual([
    "Họ và tên",
    "Tên đăng nhập",
    "Năm sinh",
    "Thôn/xóm/phường",
    "Số buổi có mặt",
    "Số buổi đã tổ chức",
    "Chủ đề",
    "Loại",
    "Bài học hoặc thực hành",
    "Trạng thái",
    "Điểm cao nhất (%)",
    "Số lần làm",
    "Lần làm gần nhất",
    "Hạn",
    "Trễ hạn",
  ]);
  const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => values(i + 2));
  const practices = readPractices("vi", moduleId);
  expect(rows.filter((r) => r[7] === "Thực hành").map((r) => r[8])).toEqual(practices.map((p) => p.title));
  const lessonRow = rows.find((r) => r[7] === "Bài học" && r[9] === "Đã nắm được")!;
  // Numbers stay numbers: attendance 1 of 1, score 100, one attempt.
  expect([lessonRow[0], lessonRow[4], lessonRow[5], lessonRow[10], lessonRow[11]]).toEqual(["Bà Âu Thị Nhung", 1, 1, 100, 1]);
  // Past the due date: the mastered lesson is not late, what is not done is.
  expect(lessonRow[13]).toBe("2020-01-31");
  expect(lessonRow[14] ?? "").toBe("");
  const notDone = rows.filter((r) => r[9] !== "Đã nắm được");
  expect(notDone.length).toBeGreaterThan(0);
  expect(notDone.every((r) => r[14] === "Có")).toBe(true);
  expect(rows.every((r) => r[0] === "Bà Âu Thị Nhung")).toBe(true);
  // With JavaScript, axe finds nothing on the PIN page, the cards and a confirmation.
  const made = await page.request.post(`/vi/teach/classes/${klass.id}/learners/new`, form({ name_0: "Cụ Tô Văn Bình", consent: "yes" }));
  await page.goto(made.headers().location!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mã PIN của người học mới");
  await expectAccessible(page);
  await page.getByRole("link", { name: "In thẻ đăng nhập" }).click();
  await expect(page.locator(".cls-login-card [data-pin]")).toHaveCount(1);
  await expectAccessible(page);
  await page.goto(`/vi/teach/classes/${klass.id}`);
  await page.getByRole("button", { name: "Đóng lớp", exact: true }).click();
  await expect(page.locator("#confirm-archive")).toBeVisible();
  await expectAccessible(page);
  await expectPhoneFriendly(page);

  // Another instructor gets a 404.
  const stranger = await instructorPhone(browser, "Thầy Lạ", { javaScriptEnabled: true });
  expect((await stranger.page.request.get(`/vi/teach/classes/${klass.id}/export.xlsx`)).status()).toBe(404);
  await stranger.context.close();
  await learnerContext.close();
  await teacher.context.close();
});

/** Learners in one post each (the form takes 10 rows), through the plain form with this page's cookies. */
async function addLearners(page: Page, classId: string, names: string[]) {
  for (let i = 0; i < names.length; i += 10) {
    const fields: [string, string][] = names.slice(i, i + 10).map((name, row) => [`name_${row}`, name]);
    const response = await page.request.post(`/vi/teach/classes/${classId}/learners/new`, form([...fields, ["consent", "yes"]]));
    expect(response.status(), `learners ${i + 1}–${i + fields.length}`).toBe(302);
  }
}

/** A PIN learner's own device, as a request context, logged in. */
async function learnerDevice(baseURL: string, username: string, pin: string) {
  const device = await playwrightRequest.newContext({ baseURL });
  expect((await device.post("/vi/login/pin", form({ login: username, pin }))).status()).toBe(302);
  return device;
}

test("a class of 80 without JavaScript: the overview of assigned topics, search, filters, pages, lateness told apart, a first failure said softly", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const { context, page } = await instructorPhone(browser, "Cô Đặng Thu Trang");
  const klass = await createClass(page, "Lớp tám mươi người");
  // Without JavaScript the join link is there to press and hold, and no button that would do nothing.
  await expect(page.locator(".cls-join .share").getByRole("link")).toHaveAttribute("href", new RegExp(`/vi/join/${klass.code}$`));
  await expect(page.locator(".cls-join .share").getByRole("button")).toHaveCount(0);
  const [behind, stuck, once] = await createPinLearners(page, klass.id, [
    { name: "Trần Văn Chậm" },
    { name: "Lê Thị Vướng" },
    { name: "Phạm Thị Một" },
  ]);
  await addLearners(
    page,
    klass.id,
    Array.from({ length: 77 }, (_, i) => `Học Viên Số ${String(i + 1).padStart(2, "0")}`),
  );
  // Two topics: smart devices (made overdue below: the form refuses past dates) and one due later.
  const assignments: [string, string][] = [
    [moduleId, "2099-01-15"],
    ["scam-avoidance", "2099-12-31"],
  ];
  for (const [module, due] of assignments) {
    expect(
      (await page.request.post(`/vi/teach/classes/${klass.id}`, form({ intent: "assign", moduleId: module, dueDate: due }))).status(),
    ).toBe(302);
  }
  const database = new SQLite(serverDatabaseEnv().SQLITE_PATH);
  database.prepare("update class_assignments set due_date = '2020-01-15' where class_id = ? and module_id = ?").run(klass.id, moduleId);
  database.close();
  const first = lessonIds("vi", moduleId)[0]!;
  const behindDevice = await learnerDevice(baseURL!, behind!.username, behind!.pin);
  await postQuiz(behindDevice, moduleId, first);
  const stuckDevice = await learnerDevice(baseURL!, stuck!.username, stuck!.pin);
  await postQuiz(stuckDevice, moduleId, first, { wrong: 3 });
  const stuckAttempt = await postQuiz(stuckDevice, moduleId, first, { wrong: 3 });
  const onceDevice = await learnerDevice(baseURL!, once!.username, once!.pin);
  await postQuiz(onceDevice, moduleId, first, { wrong: 3 });

  // The overview: one column per assigned topic, 20 learners a page, 4 pages.
  const progress = `/vi/teach/classes/${klass.id}/progress`;
  await page.goto(progress);
  await expect(page.locator("caption")).toHaveText("Tiến độ từng chủ đề được giao");
  await expect(page.locator("thead th")).toHaveText([
    "Người học",
    `${readModuleTitle("vi", moduleId)}hạn 15/01/2020`,
    `${readModuleTitle("vi", "scam-avoidance")}hạn 31/12/2099`,
    "Đi học",
  ]);
  await expect(page.locator("tbody tr")).toHaveCount(20);
  await expect(page.locator("#results")).toHaveText("Người học 1–20 trong 80 người.");
  await page.getByRole("navigation", { name: "Các trang" }).getByRole("link", { name: "Trang 4" }).click();
  await expect(page.locator("#results")).toHaveText("Người học 61–80 trong 80 người.");
  await expect(page.locator("[aria-current=page]", { hasText: "4" })).toBeVisible();
  await page.getByRole("link", { name: "‹ Trang trước" }).click();
  await expect(page).toHaveURL(/page=3/);

  // Lateness told apart: started but behind, and past the due date without starting; a first failure is soft.
  await expect(page.locator("#late-heading")).toHaveText("Đã bắt đầu nhưng chậm so với hạn (3)");
  await expect(page.locator("#late-not-started-heading")).toHaveText("Quá hạn mà chưa bắt đầu (77)");
  await expect(page.locator("#stuck-heading ~ ul")).toHaveText(/^Lê Thị Vướng: /);
  // 77 names are too many for a box: the rest are a filter away.
  await page.locator("#late-not-started-heading ~ p").getByRole("link", { name: "Xem cả 77 người" }).click();
  await expect(page.locator("#results")).toHaveText(/Người học 1–20 trong 77 người\./);
  await expect(page.getByLabel("Xem những ai")).toHaveValue("late-not-started");

  // Search without diacritics, the filter kept across a search.
  await page.getByLabel("Xem những ai").selectOption("all");
  await page.getByLabel("Tìm theo tên").fill("vuong");
  await page.getByRole("button", { name: "Lọc danh sách" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  const vuong = page.locator("tbody tr").first();
  await expect(vuong.locator("th")).toContainText("Lê Thị Vướng");
  await expect(vuong.locator(`td[data-module=${moduleId}]`)).toContainText("Đang học");
  await expect(vuong.locator(`td[data-module=${moduleId}]`)).toContainText("Chậm so với hạn");
  await expect(vuong.locator(`td[data-module=${moduleId}]`)).toContainText("Cần giúp: 1 bài");
  const filtered: [string, string[]][] = [
    ["needs-help", ["Lê Thị Vướng"]],
    ["failed-once", ["Phạm Thị Một"]],
    ["behind", ["Lê Thị Vướng", "Phạm Thị Một", "Trần Văn Chậm"]],
    ["done", []],
  ];
  for (const [filter, names] of filtered) {
    await page.goto(`${progress}?show=${filter}`);
    await expect(page.getByLabel("Xem những ai")).toHaveValue(filter);
    expect((await page.locator("tbody th a").allInnerTexts()).sort(), filter).toEqual(names);
  }
  await page.goto(`${progress}?show=behind&page=9`);
  await expect(page.locator("#results")).toHaveText(/Người học 1–3 trong 3 người\./);

  // One topic lesson by lesson: a first failure reads "Chưa đạt lần 1", two "Cần giúp".
  await page.goto(`${progress}?module=${moduleId}&q=thi`);
  const cell = (name: string) => page.locator("tbody tr", { hasText: name }).locator("td").first();
  await expect(cell("Phạm Thị Một")).toContainText("Chưa đạt lần 1");
  await expect(page.locator("tbody tr", { hasText: "Phạm Thị Một" }).locator(".cls-cell-failed-once")).toHaveCount(1);
  await expect(cell("Lê Thị Vướng")).toContainText("Cần giúp");
  await expectPhoneFriendly(page);

  // The learner's page: lateness per assigned topic, and the missed questions of the attempt.
  await page.goto(`${progress}?q=vuong`);
  await page.locator("tbody th a").click();
  const stuckId = /learners\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
  await expect(page.locator(`#m-${moduleId} ~ [data-late]`).first()).toHaveText("Chậm so với hạn");
  await expect(page.locator("#m-scam-avoidance ~ [data-late]")).toHaveCount(0);
  await page.getByRole("link", { name: /^Xem câu sai/ }).click();
  await expect(page).toHaveURL(new RegExp(`/learners/${stuckId}/attempts/${/attempts\/([^/?#]+)/.exec(stuckAttempt)![1]}$`));
  const quiz = readLesson("vi", moduleId, first).quiz.questions;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Bài làm của Lê Thị Vướng: ${readLesson("vi", moduleId, first).title}`);
  const missed = page.locator(".review-question.is-wrong");
  await expect(missed).toHaveCount(3);
  await expect(missed.first().locator("h3")).toContainText(quiz[0]!.prompt);
  await expect(missed.first()).toContainText("Người học chọn (chưa đúng):");
  await expect(missed.first()).toContainText("Đáp án đúng (người học chưa chọn):");
  // The same pages checked by axe in a browser that runs scripts (axe needs them).
  const checker = await browser.newContext({ storageState: await context.storageState(), viewport: { width: 360, height: 640 } });
  const check = await checker.newPage();
  for (const url of [
    page.url(),
    `${progress}?show=behind`,
    `${progress}?module=${moduleId}`,
    `/vi/teach/classes/${klass.id}/learners/${stuckId}`,
  ]) {
    await check.goto(url);
    await expectAccessible(check);
  }
  await checker.close();
  await context.close();
  for (const device of [behindDevice, stuckDevice, onceDevice]) await device.dispose();
});

test("without JavaScript, each box above the list counts the people its filter lists, on the overview and on one topic", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { context, page } = await instructorPhone(browser, "Thầy Đếm Đúng");
  const klass = await createClass(page, "Lớp đếm đúng");
  // Only scam avoidance is assigned; smart devices is not.
  expect(
    (
      await page.request.post(
        `/vi/teach/classes/${klass.id}`,
        form({ intent: "assign", moduleId: "scam-avoidance", dueDate: "2099-12-31" }),
      )
    ).status(),
  ).toBe(302);
  const [own, assigned] = await createPinLearners(page, klass.id, [{ name: "Hồ Văn Tự Học" }, { name: "Lý Thị Bài Giao" }]);
  // One fails a lesson of the topic not assigned twice (studying it on their own), the other one of the assigned topic.
  const ownDevice = await learnerDevice(baseURL!, own!.username, own!.pin);
  for (let i = 0; i < 2; i++) await postQuiz(ownDevice, moduleId, lessonId, { wrong: 3 });
  const assignedDevice = await learnerDevice(baseURL!, assigned!.username, assigned!.pin);
  const scam = lessonIds("vi", "scam-avoidance")[0]!;
  for (let i = 0; i < 2; i++) await postQuiz(assignedDevice, "scam-avoidance", scam, { wrong: 3 });

  const progress = `/vi/teach/classes/${klass.id}/progress`;
  const listed = async (url: string) => {
    await page.goto(url);
    return page.locator("tbody th a").allInnerTexts();
  };
  // The overview: the box and the "needs help" filter both name the one stuck on the assigned topic.
  await page.goto(progress);
  await expect(page.locator("#stuck-heading")).toHaveText("Ai cần giúp (1)");
  await expect(page.locator("#boxes-scope")).toHaveText("Các số dưới đây tính theo các chủ đề được giao.");
  await expect(page.locator("#stuck-heading ~ ul li")).toHaveText([/^Lý Thị Bài Giao: /]);
  expect(await listed(`${progress}?show=needs-help`)).toEqual(["Lý Thị Bài Giao"]);
  // The topic not assigned, chosen: its box and its filter name the other one.
  await page.goto(`${progress}?module=${moduleId}`);
  await expect(page.locator("#stuck-heading")).toHaveText("Ai cần giúp (1)");
  await expect(page.locator("#boxes-scope")).toHaveText(`Các số dưới đây chỉ tính chủ đề “${readModuleTitle("vi", moduleId)}”.`);
  await expect(page.locator("#stuck-heading ~ ul li")).toHaveText([
    `Hồ Văn Tự Học: ${readLesson("vi", moduleId, lessonId).title} (sai 2 lần)`,
  ]);
  expect(await listed(`${progress}?module=${moduleId}&show=needs-help`)).toEqual(["Hồ Văn Tự Học"]);
  await context.close();
  for (const device of [ownDevice, assignedDevice]) await device.dispose();
});

test("with JavaScript at 360 px, the dashboard's headers and names stay in view while the table scrolls", async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await instructorPhone(browser, "Thầy Cuộn Bảng", { javaScriptEnabled: true });
  const klass = await createClass(page, "Lớp cuộn bảng");
  // The join link beside the code: a plain link, and with JavaScript a button that copies it where the phone has no share sheet.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate(() => Object.defineProperty(navigator, "share", { value: undefined, configurable: true }));
  const share = page.locator(".cls-join .share");
  await expect(share.getByRole("link")).toHaveAttribute("href", new RegExp(`/vi/join/${klass.code}$`));
  await share.getByRole("button", { name: "Chia sẻ" }).click();
  await expect(share).toContainText("Đã chép liên kết.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`/vi/join/${klass.code}$`));
  await addLearners(
    page,
    klass.id,
    Array.from({ length: 25 }, (_, i) => `Người Học Cuộn ${String(i + 1).padStart(2, "0")}`),
  );
  for (const module of [moduleId, "scam-avoidance", "cashless-payment"])
    expect(
      (await page.request.post(`/vi/teach/classes/${klass.id}`, form({ intent: "assign", moduleId: module, dueDate: "" }))).status(),
    ).toBe(302);
  for (const url of [`/vi/teach/classes/${klass.id}/progress`, `/vi/teach/classes/${klass.id}/progress?module=${moduleId}`]) {
    await page.goto(url);
    const box = page.locator(".cls-scroll");
    const moved = await box.evaluate((el) => {
      el.scrollTop = 600;
      el.scrollLeft = 400;
      const frame = el.getBoundingClientRect();
      const header = el.querySelector("thead th:nth-child(2)")!.getBoundingClientRect();
      const corner = el.querySelector("thead th:first-child")!.getBoundingClientRect();
      const rows = Array.from(el.querySelectorAll("tbody th")).map((th) => th.getBoundingClientRect());
      const name = rows.find((r) => r.top >= header.bottom && r.bottom <= frame.bottom)!;
      return {
        scrolled: el.scrollTop > 0 && el.scrollLeft > 0,
        headerTop: Math.round(header.top - frame.top),
        cornerLeft: Math.round(corner.left - frame.left),
        nameLeft: Math.round(name.left - frame.left),
      };
    });
    expect(moved.scrolled, url).toBe(true);
    // Within the box's border: the headers at its top, the name column at its left.
    expect(Math.abs(moved.headerTop), url).toBeLessThanOrEqual(2);
    expect(Math.abs(moved.cornerLeft), url).toBeLessThanOrEqual(2);
    expect(Math.abs(moved.nameLeft), url).toBeLessThanOrEqual(2);
    await expectPhoneFriendly(page);
  }
  await context.close();
});

test("a guest's work kept by a PIN the teacher creates (asked first), and two guests of the same name told apart by when they joined", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const { context, page } = await instructorPhone(browser, "Cô Giữ Bài");
  const klass = await createClass(page, "Lớp khách vãng lai");
  // Two guests with the same name join from their phones (JavaScript on), one after studying first.
  const phones = [];
  for (const wrong of [3, 0]) {
    const phoneContext = await newPhone(browser, true);
    const phone = await phoneContext.newPage();
    await takeQuiz(phone, moduleId, lessonId, { wrong });
    await phone.goto(`/vi/join/${klass.code}`);
    await phone.getByLabel("Họ và tên của bạn").fill("Nguyễn Văn Khách");
    await phone.getByRole("button", { name: "Vào lớp" }).click();
    await expect(phone.getByText("Bạn đã vào lớp.")).toBeVisible();
    phones.push(phoneContext);
  }
  await page.goto(`/vi/teach/classes/${klass.id}`);
  const guests = page.locator("#members ~ ul li", { hasText: "Nguyễn Văn Khách" });
  await expect(guests).toHaveCount(2);
  const joined = (await guests.allInnerTexts()).map((text) => /vào lớp (.+)$/.exec(text)?.[1]);
  expect(
    joined.every((time) => time && /\d{2}:\d{2}/.test(time) && /\d{2}\/\d{2}\/\d{4}/.test(time)),
    joined.join(" | "),
  ).toBe(true);
  await page.goto(`/vi/teach/classes/${klass.id}/progress?module=${moduleId}`);
  await expect(page.locator("tbody th .cls-joined")).toHaveCount(2);

  // The one who mastered the lesson gets a PIN: without the privacy page read, it is refused and said.
  await page
    .locator("tbody tr", { has: page.locator(".cls-cell-mastered") })
    .locator("th a")
    .click();
  await expect(page.getByRole("heading", { level: 2, name: "Giữ bài làm bằng mã PIN" })).toBeVisible();
  const learnerUrl = page.url();
  await page.getByRole("button", { name: "Tạo mã PIN" }).click();
  await expect(page.getByRole("alert")).toContainText("Hãy đọc trang Quyền riêng tư cho người học nghe");
  await page.getByLabel("Tôi đã đọc trang này cho Nguyễn Văn Khách nghe, và người học đồng ý.").check();
  await page.getByRole("button", { name: "Tạo mã PIN" }).click();
  await expect(page.locator("#confirm-give-pin")).toContainText("Tạo tên đăng nhập và mã PIN cho Nguyễn Văn Khách?");
  // "No" leaves everything as it was, the box gone.
  await page.locator("#confirm-give-pin").getByRole("link", { name: "Không, quay lại" }).click();
  await expect(page.locator("#confirm-give-pin")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 2, name: "Giữ bài làm bằng mã PIN" })).toBeVisible();
  await page.getByLabel("Tôi đã đọc trang này cho Nguyễn Văn Khách nghe, và người học đồng ý.").check();
  await page.getByRole("button", { name: "Tạo mã PIN", exact: true }).click();
  await page.getByRole("button", { name: "Có, tạo mã PIN" }).click();
  await expect(page).toHaveURL(new RegExp(`/teach/classes/${klass.id}/pins$`));
  const row = page.locator("table.cls-pins tbody tr");
  await expect(row).toHaveCount(1);
  const username = (await row.locator("[data-username]").textContent())!.trim();
  const pin = (await row.locator("[data-pin]").textContent())!.trim();
  expect(username).toMatch(/^khach\d{4}$/);

  // A cleared browser: the PIN brings the work back.
  const cleared = await newPhone(browser, true);
  const fresh = await cleared.newPage();
  await pinLogin(fresh, username, pin);
  await expect(fresh).not.toHaveURL(/\/login\/pin$/);
  await fresh.goto("/vi/progress");
  await expect(fresh.locator("li", { hasText: readLesson("vi", moduleId, lessonId).title }).locator(".badge")).toHaveText("Đã nắm được");
  await page.goto(learnerUrl);
  await expect(page.getByRole("heading", { level: 2, name: "Mã PIN" })).toBeVisible();
  await cleared.close();
  for (const phone of phones) await phone.close();
  await context.close();
});

test("a teacher asks for the instructor role; an administrator sees the request and grants it", async ({ browser }) => {
  test.setTimeout(90_000);
  const teacher = await signUpAs(browser, "Thầy Xin Quyền Lớp", { javaScriptEnabled: false });
  await teacher.page.goto("/vi/classes");
  await teacher.page.getByRole("link", { name: "Bạn là giáo viên? Xin quyền tạo lớp" }).click();
  // A hostile note (far over the limit) is refused with 400 and sends nothing.
  const tooLong = await teacher.page.request.post("/vi/teach/request", form({ note: "x".repeat(5000) }));
  expect(tooLong.status()).toBe(400);
  await teacher.page.reload();
  await expect(teacher.page.getByRole("button", { name: "Gửi yêu cầu" })).toBeVisible();
  await teacher.page.getByLabel("Bạn dạy ở đâu? (không bắt buộc)").fill("Trường THCS Yên Bình");
  await teacher.page.getByRole("button", { name: "Gửi yêu cầu" }).click();
  await expect(teacher.page.getByRole("status")).toContainText("Đã gửi yêu cầu lúc");
  await expect(teacher.page.getByRole("button", { name: "Gửi yêu cầu" })).toHaveCount(0);
  expect((await teacher.page.request.get("/vi/teach", { maxRedirects: 0 })).status()).toBe(404);

  const admin = await signUpAs(browser, "Bà Quản Trị Duyệt");
  await adminCommand(["grant", admin.login, "admin"]);
  await admin.page.goto("/vi/admin/roles");
  const request = admin.page.locator("[data-request]", { hasText: "Thầy Xin Quyền Lớp" });
  await expect(request).toContainText("Trường THCS Yên Bình");
  await expect(request).toContainText("Xin quyền Giáo viên");
  await request.getByRole("button", { name: /^Cấp quyền Giáo viên/ }).click();
  await expect(admin.page.getByRole("status")).toContainText("Đã cấp quyền cho Thầy Xin Quyền Lớp.");
  await expect(admin.page.locator("[data-request]", { hasText: "Thầy Xin Quyền Lớp" })).toHaveCount(0);

  await teacher.page.goto("/vi/teach");
  await expect(teacher.page.getByRole("heading", { level: 1 })).toBeVisible();
  await teacher.page.goto("/vi/teach/request");
  await expect(teacher.page.getByRole("status")).toContainText("Bạn đã có quyền giáo viên.");
  await teacher.context.close();
  await admin.context.close();
});
