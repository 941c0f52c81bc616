import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import {
  adminCommand,
  createClass,
  createPinLearners,
  form,
  importOtherProvince,
  pinLogin,
  signUpWithRole,
  unique,
} from "./classes-helpers";
import { expectPhoneFriendly } from "./fixtures";

/**
 * A commune's official creates a contest with questions written for it (both languages); people
 * take part on a 360 px phone — a visitor who gives a name and a village, a signed-in learner —
 * with JavaScript on and off. Before the contest closes no page and no data response carries an
 * explanation or which option is right; a second attempt is refused; an answer handed in after
 * time is refused and the answers saved in time are kept. After it closes: each participant's
 * score and explanations, the leaderboards by village and commune with names only by consent,
 * the projector view and the XLSX. An official of another unit gets a 404.
 */

test.describe.configure({ mode: "serial" });

const UNIT = "MAU01";
/** How long the contest stays open after it is created: enough for everyone here to take part. */
const OPEN_SECONDS = 50;

/** Six questions in both languages; option "b" is right in each; every explanation is unique and findable. */
function ownQuestionsYaml(tag: string): string {
  const quiz = (lang: string) =>
    `${lang}:\n  questions:\n` +
    Array.from({ length: 6 }, (_, i) => {
      const n = i + 1;
      const options = ["a", "b", "c"]
        .map(
          (o) =>
            `        - id: ${o}\n          text: "${lang === "vi" ? "Lựa chọn" : "Option"} ${o.toUpperCase()} ${n}"\n` +
            (o === "b" ? "          correct: true\n" : "") +
            `          explanation: "EXPL-${tag}-${lang}-${n}-${o}"`,
        )
        .join("\n");
      return `    - id: c${n}\n      kind: single\n      prompt: "${lang === "vi" ? "Câu hỏi" : "Question"} ${n} ${tag}?"\n      options:\n${options}`;
    }).join("\n");
  return `${quiz("vi")}\n${quiz("en")}\n`;
}

/** A Vietnam local time string for a datetime-local field, `seconds` from now. */
function vietnamLocal(secondsFromNow: number): string {
  return new Date(Date.now() + secondsFromNow * 1000 + 7 * 3_600_000).toISOString().slice(0, 19);
}

async function signUp(context: BrowserContext, name: string): Promise<string> {
  const login = `ct${unique()}`;
  const response = await context.request.post("/vi/signup", form({ displayName: name, login, password: "mat-khau-dai-8" }));
  expect(response.status()).toBe(302);
  return login;
}

/** Ticks option "b" of every question shown (or only of the first `count`). */
async function answerRight(page: Page, count?: number) {
  const questions = page.locator("fieldset.question");
  const total = await questions.count();
  for (let i = 0; i < (count ?? total); i++) await questions.nth(i).locator('input[value="b"]').check();
}

/**
 * Nothing of the answer key: no explanation in the page or its data, and the route's own data
 * (without the site's UI strings, which name keys such as "correct") has no "correct" or
 * "explanation" member at all. Every way a route's data can be asked for: the page, the
 * single-fetch `.data` URL (all routes, and this route alone), and the older `?_data=` form.
 */
async function expectNoAnswers(context: BrowserContext, path: string, tag: string, routeId: string) {
  const own = `${path}.data?_routes=${encodeURIComponent(routeId)}`;
  for (const url of [path, `${path}.data`, own, `${path}?_data=${encodeURIComponent(routeId)}`]) {
    const response = await context.request.get(url);
    expect(response.status(), url).toBe(200);
    const body = await response.text();
    // Checked as booleans: a failure names the page, not its 100 KB.
    expect(body.includes(`EXPL-${tag}`), `${url} holds an explanation`).toBe(false);
    if (url === own) expect(/"(correct|explanation)"/.test(body), `${url} marks a right option`).toBe(false);
  }
}

for (const javaScriptEnabled of [true, false]) {
  const js = javaScriptEnabled ? "on" : "off";
  test(`a contest from creation to results and leaderboards, JavaScript ${js}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const tag = `T${unique()}`;
    const phone = { javaScriptEnabled, viewport: { width: 360, height: 740 }, locale: "vi-VN" };

    // The commune's official creates the contest; a mistake first, kept with a summary.
    const officialContext = await browser.newContext({ ...phone, acceptDownloads: true });
    const officialLogin = await signUp(officialContext, "Cán Bộ Xã");
    await adminCommand(["grant-official", officialLogin, UNIT]);
    const official = await officialContext.newPage();
    await official.goto(`/vi/report/${UNIT}`);
    await official.getByRole("link", { name: "Cuộc thi", exact: true }).click();
    await expect(official.getByRole("heading", { level: 1 })).toHaveText("Cuộc thi của Xã Tân Phú");
    await official.getByLabel("Tên cuộc thi").fill(`Ngày hội ${tag}`);
    await official.getByLabel("Thể lệ").fill("Mỗi người một lượt. Bằng điểm thì ai nhanh hơn đứng trước.");
    await official.getByLabel("Mở lúc").fill(vietnamLocal(-60));
    await official.getByLabel("Đóng lúc").fill(vietnamLocal(-120));
    await official.getByLabel("Số câu hỏi mỗi bài").fill("4");
    await official.getByLabel("Câu hỏi riêng (không bắt buộc)").fill(ownQuestionsYaml(tag));
    await official.getByRole("button", { name: "Tạo cuộc thi" }).click();
    const summary = official.getByRole("alert");
    await expect(summary).toContainText("Giờ đóng phải sau bây giờ.");
    await expect(official.getByLabel("Tên cuộc thi")).toHaveValue(`Ngày hội ${tag}`);
    await summary.getByRole("link", { name: /Đóng lúc/ }).click();
    await official.getByLabel("Đóng lúc").fill(vietnamLocal(OPEN_SECONDS));
    const closesAt = Date.now() + OPEN_SECONDS * 1000;
    await official.getByRole("button", { name: "Tạo cuộc thi" }).click();
    await expect(official.getByRole("status")).toHaveText("Đã tạo cuộc thi. Hãy gửi đường dẫn cho người dân.", { timeout: 15_000 });
    const contestPath = new URL(official.url()).pathname.replace(/^.*\/contests\//, "/vi/contests/");
    expect(contestPath).toMatch(/^\/vi\/contests\/[0-9a-f-]{36}$/);
    const organiserPath = new URL(official.url()).pathname;

    // A visitor: a name and a village, no account; consents to be named.
    const visitorContext = await browser.newContext(phone);
    const visitor = await visitorContext.newPage();
    await visitor.goto(contestPath);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`Ngày hội ${tag}`);
    await expect(visitor.locator("fieldset.question")).toHaveCount(0);
    await visitor.getByRole("button", { name: "Bắt đầu" }).click();
    await expect(visitor.getByRole("alert")).toContainText("Họ và tên");
    await visitor.getByLabel("Họ và tên").fill(`Chị Lan ${tag}`);
    await visitor.getByLabel("Bạn ở đâu?").selectOption({ label: "Thôn Tân Lập" });
    await visitor.getByLabel("Cho hiện tên tôi trên bảng xếp hạng").check();
    await visitor.getByRole("button", { name: "Bắt đầu" }).click();
    await expect(visitor.locator("fieldset.question")).toHaveCount(4);
    // Time left: a clock time always, a countdown with JavaScript.
    await expect(visitor.locator(".contest-clock")).toContainText(/Hết giờ lúc \d\d:\d\d:\d\d ngày/);
    if (javaScriptEnabled) await expect(visitor.getByTestId("countdown")).toHaveText(/Còn \d+ phút \d\d giây/);
    else await expect(visitor.getByTestId("countdown")).toHaveCount(0);
    await expectPhoneFriendly(visitor);
    await expectNoAnswers(visitorContext, contestPath, tag, "routes/contest/contest");
    await answerRight(visitor);
    await visitor.getByRole("button", { name: "Nộp bài" }).click();
    await expect(visitor).toHaveURL(/\/result#score$/);
    await expect(visitor.getByRole("status")).toContainText("Điểm và đáp án sẽ có khi cuộc thi kết thúc");
    await expect(visitor.getByTestId("score")).toHaveCount(0);
    await expectNoAnswers(visitorContext, `${contestPath}/result`, tag, "routes/contest/result");

    // A second attempt is refused: on the page, by a post, and after the guest cookie is gone (same device).
    await visitor.goto(contestPath);
    await expect(visitor.getByRole("status")).toHaveText("Bạn đã dùng hết lượt thi.");
    const again = await visitorContext.request.post(contestPath, form({ intent: "start", unitCode: "MAU01-T01" }));
    expect(again.status()).toBe(400);
    await visitorContext.clearCookies({ name: "__session" });
    await visitor.goto(contestPath);
    await expect(visitor.getByRole("status")).toHaveText("Bạn đã dùng hết lượt thi.");

    // A signed-in learner of another village, not named; saves two answers, then hands in too late.
    const lateContext = await browser.newContext(phone);
    await signUp(lateContext, `Anh Nam ${tag}`);
    const late = await lateContext.newPage();
    await late.goto(contestPath);
    await late.getByLabel("Bạn ở đâu?").selectOption({ label: "Thôn Phú Hòa" });
    await late.getByRole("button", { name: "Bắt đầu" }).click();
    await expect(late.locator("fieldset.question")).toHaveCount(4);
    // With JavaScript each choice is saved by a fetcher: one POST, and no reload of the page's data.
    const dataRequests: string[] = [];
    late.on("request", (r) => {
      if (new URL(r.url()).pathname.endsWith(".data")) dataRequests.push(r.method());
    });
    await answerRight(late, 2);
    if (javaScriptEnabled) {
      await expect(late.getByRole("status")).toContainText("Đã lưu lúc");
      await late.waitForTimeout(1_000);
      expect(dataRequests.filter((m) => m === "POST").length).toBeGreaterThanOrEqual(1);
      expect(
        dataRequests.filter((m) => m === "GET"),
        "reloads after a save",
      ).toEqual([]);
    } else {
      await late.getByRole("button", { name: "Lưu câu trả lời" }).click();
      await expect(late.getByRole("status")).toContainText("Đã lưu lúc");
      await expect(late.locator('fieldset.question input[value="b"]:checked')).toHaveCount(2);
    }
    // A third person answers one right, in time.
    const thirdContext = await browser.newContext(phone);
    const third = await thirdContext.newPage();
    await third.goto(contestPath);
    await third.getByLabel("Họ và tên").fill(`Bác Tư ${tag}`);
    await third.getByLabel("Bạn ở đâu?").selectOption({ label: "Thôn Tân Lập" });
    await third.getByRole("button", { name: "Bắt đầu" }).click();
    await answerRight(third, 1);
    await third.getByRole("button", { name: "Nộp bài" }).click();
    await expect(third).toHaveURL(/\/result#score$/);

    // While it runs, the organiser sees figures (no answers either).
    await official.goto(organiserPath);
    await expect(official.getByTestId("participants")).toHaveText("2");
    // Every organiser's route: the contest, the list of contests, the projector view.
    await expectNoAnswers(officialContext, organiserPath, tag, "routes/report/contest");
    await expectNoAnswers(officialContext, organiserPath.replace(/\/[^/]+$/, ""), tag, "routes/report/contests");
    await expectNoAnswers(officialContext, `${organiserPath}/live`, tag, "routes/report/contest-live");

    // Time is up: the late one's hand-in (all four answered) is refused, the two saved answers count.
    await late.waitForTimeout(Math.max(0, closesAt - Date.now() + 4_000));
    await late.locator("fieldset.question").nth(2).locator('input[value="b"]').check();
    // With JavaScript that choice is saved at once, and refused: the page moves to the result.
    if (!javaScriptEnabled) {
      await late.locator("fieldset.question").nth(3).locator('input[value="b"]').check();
      await late.getByRole("button", { name: "Nộp bài" }).click();
    }
    await expect(late).toHaveURL(/\/result\?late=1#score$/);
    await expect(late.getByRole("alert")).toContainText("Bài nộp sau khi hết giờ nên không được nhận.");
    await expect(late.getByRole("alert")).toContainText("2/4 câu");
    await expect(late.getByTestId("score")).toHaveText("50/100 (đúng 2/4 câu)");
    // Second of three: a prize certificate, signed and verifiable, never taken for a course certificate.
    // No name: the error summary at the top of the form, linked to the field; nothing issued.
    await late.getByLabel("Họ và tên in trên giấy").fill("");
    await late.getByRole("button", { name: "Nhận giấy chứng nhận" }).click();
    const certificateSummary = late.locator("#certificate .error-summary");
    await expect(certificateSummary).toContainText("Hãy nhập họ và tên để in trên giấy chứng nhận.");
    await certificateSummary.getByRole("link", { name: /^Họ và tên in trên giấy:/ }).click();
    await expect(late).toHaveURL(/#printedName$/);
    await late.getByLabel("Họ và tên in trên giấy").fill("Nguyễn Văn Nam");
    await late.getByRole("button", { name: "Nhận giấy chứng nhận" }).click();
    await expect(late).toHaveURL(/\/vi\/certificates\/[0-9A-Z-]{17}#main$/);
    await expect(late.getByText("GIẤY CHỨNG NHẬN CUỘC THI").first()).toBeVisible();
    await expect(late.getByText(`Ngày hội ${tag} (Giải 2)`).first()).toBeVisible();
    await expect(late.getByRole("link", { name: /Open Badge/ })).toHaveCount(0);
    const code = new URL(late.url()).pathname.split("/").at(-1)!;
    await late.goto(`/vi/verify/${code}`);
    await expect(late.getByText(`Cuộc thi: Ngày hội ${tag} (Giải 2)`)).toBeVisible();
    await expect(late.getByText("Nguyễn Văn Nam")).toBeVisible();

    // After closing: the visitor's score, rank and explanations.
    const thirdResult = await thirdContext.newPage();
    await thirdResult.goto(`${contestPath}/result`);
    await expect(thirdResult.getByTestId("score")).toHaveText("25/100 (đúng 1/4 câu)");
    await expect(thirdResult.getByText("3 trên 3 người")).toBeVisible();
    await expect(thirdResult.getByText(new RegExp(`EXPL-${tag}-vi-\\d-b`)).first()).toBeVisible();
    // A visitor is asked to make an account for the certificate (their attempt goes with them).
    await expect(thirdResult.getByText("Để nhận giấy chứng nhận, hãy tạo tài khoản hoặc đăng nhập.")).toBeVisible();

    // The organiser's leaderboards: by village, with the population unknown; names only by consent.
    await official.goto(organiserPath);
    await expect(official.getByTestId("participants")).toHaveText("3");
    const villages = official.getByRole("table", { name: "Theo thôn, xóm" });
    await expect(villages.getByRole("row")).toHaveCount(3);
    // Thôn Tân Lập: 100 and 25, average 63; Thôn Phú Hòa: 50. The population is not known yet.
    await expect(villages.getByRole("row").nth(1)).toContainText("Thôn Tân Lập");
    await expect(villages.getByRole("row").nth(1).getByRole("cell").nth(1)).toHaveText("2");
    await expect(villages.getByRole("row").nth(1)).toContainText("Chưa rõ");
    await expect(villages.getByRole("row").nth(2)).toContainText("Thôn Phú Hòa");
    await expect(official.getByRole("table", { name: "Theo xã, phường" })).toContainText("Xã Tân Phú");
    const top = official.locator(".contest-top li");
    await expect(top).toHaveCount(3);
    await expect(top.nth(0)).toContainText(`Chị Lan ${tag}`);
    await expect(top.nth(1)).toContainText("Người tham gia số 2");
    await expect(official.locator(".contest-top")).not.toContainText(`Bác Tư ${tag}`);
    await expectPhoneFriendly(official);

    // The projector view: large print, refreshing by itself.
    await official.getByRole("link", { name: "Màn hình trình chiếu" }).click();
    await expect(official.getByTestId("live-participants")).toHaveText("3");
    if (!javaScriptEnabled) await expect(official.locator("noscript")).toHaveCount(1);
    expect(await official.locator(".contest-live").evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(24);

    // The workbook: a sheet per leaderboard and the participants by rank.
    const download = await officialContext.request.get(`${organiserPath}/results.xlsx`);
    expect(download.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download.body()) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const participants = workbook.getWorksheet("Người dự thi")!;
    expect(participants.getRow(2).getCell(2).value).toBe(`Chị Lan ${tag}`);
    expect(participants.getRow(2).getCell(5).value).toBe(100);
    expect(participants.getRow(4).getCell(2).value).toBe("Người tham gia số 3");
    expect(workbook.getWorksheet("Theo thôn, xóm")!.rowCount).toBe(3);

    // An official of another unit does not see it exist.
    const otherContext = await browser.newContext(phone);
    const otherLogin = await signUp(otherContext, "Cán Bộ Khác");
    await importOtherProvince();
    await adminCommand(["grant-official", otherLogin, "E2EP01"]);
    const id = contestPath.split("/").at(-1)!;
    for (const path of [
      `/vi/report/E2EP01/contests/${id}`,
      `/vi/report/${UNIT}/contests/${id}`,
      `/vi/report/E2EP01/contests/${id}/results.xlsx`,
    ])
      expect((await otherContext.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
    await Promise.all([officialContext, visitorContext, lateContext, thirdContext, otherContext].map((c) => c.close()));
  });
}

test("a contest that has not opened shows no question, in the page or its data", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const login = await signUp(context, "Cán Bộ Sắp Thi");
  await adminCommand(["grant-official", login, UNIT]);
  const tag = `U${unique()}`;
  const created = await context.request.post(
    `/vi/report/${UNIT}/contests`,
    form({
      title: `Sắp thi ${tag}`,
      rules: "",
      opensAt: vietnamLocal(3600),
      closesAt: vietnamLocal(7200),
      minutes: "20",
      attemptsAllowed: "1",
      questionCount: "4",
      ownQuestions: ownQuestionsYaml(tag),
    }),
  );
  expect(created.status()).toBe(302);
  const id = /contests\/([0-9a-f-]{36})/.exec(created.headers().location ?? "")![1]!;
  const visitor = await browser.newContext();
  for (const url of [`/vi/contests/${id}`, `/vi/contests/${id}.data`]) {
    const body = await (await visitor.request.get(url)).text();
    expect(body).toContain(`Sắp thi ${tag}`);
    expect(body).not.toContain(tag.replace("U", "Câu hỏi 1 U"));
    expect(body).not.toContain(`EXPL-${tag}`);
  }
  const start = await visitor.request.post(`/vi/contests/${id}`, form({ intent: "start", name: "Người Thử", unitCode: "MAU01-T01" }));
  expect(start.status()).toBe(400);
  expect(await start.text()).toContain("notOpen");
  await Promise.all([context.close(), visitor.close()]);
});

test("a PIN learner takes the class's contest from their class page, JavaScript off, to the result and the class leaderboard", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const tag = `K${unique()}`;
  const { context: teacherContext, page: teacher } = await signUpWithRole(browser, "Cô Giáo Hạnh", "instructor");
  const klass = await createClass(teacher, `Lớp thi ${tag}`);
  const [member] = await createPinLearners(teacher, klass.id, [{ name: `Bác Sáu ${tag}` }]);
  const openSeconds = 25;
  const created = await teacherContext.request.post(
    `/vi/teach/classes/${klass.id}/contests`,
    form({
      title: `Thi trong lớp ${tag}`,
      rules: "Mỗi người một lượt.",
      opensAt: vietnamLocal(-60),
      closesAt: vietnamLocal(openSeconds),
      minutes: "20",
      attemptsAllowed: "1",
      questionCount: "3",
      ownQuestions: ownQuestionsYaml(tag),
    }),
  );
  expect(created.status()).toBe(302);
  const closesAt = Date.now() + openSeconds * 1000;
  const organiserPath = new URL(created.headers().location!, "http://x").pathname;
  const id = organiserPath.split("/").at(-1)!;

  // Someone outside the class does not see it (asked to log in, as for any page of a class).
  const outsider = await browser.newContext({ javaScriptEnabled: false });
  const refused = await outsider.request.get(`/vi/contests/${id}`, { maxRedirects: 0 });
  expect(refused.status()).toBe(302);
  expect(refused.headers().location).toMatch(/^\/vi\/login\?redirectTo=/);

  // The member, on a shared phone without JavaScript: log in with the PIN, then the class page.
  const phoneContext = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: "vi-VN" });
  const phone = await phoneContext.newPage();
  await pinLogin(phone, member!.username, member!.pin);
  await phone.goto("/vi/classes");
  const card = phone.locator(".cls-list li", { hasText: `Lớp thi ${tag}` });
  await expect(card.getByRole("heading", { name: "Cuộc thi của lớp" })).toBeVisible();
  await expect(card).toContainText("Đang diễn ra");
  await card.getByRole("link", { name: `Thi trong lớp ${tag}` }).click();
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText(`Thi trong lớp ${tag}`);
  // A member is known: no name to give, no place to pick.
  await expect(phone.getByLabel("Họ và tên")).toHaveCount(0);
  await expect(phone.getByLabel("Bạn ở đâu?")).toHaveCount(0);
  await phone.getByRole("button", { name: "Bắt đầu" }).click();
  await expect(phone.locator("fieldset.question")).toHaveCount(3);
  await expectNoAnswers(phoneContext, `/vi/contests/${id}`, tag, "routes/contest/contest");
  await answerRight(phone, 2);
  await phone.getByRole("button", { name: "Nộp bài" }).click();
  await expect(phone).toHaveURL(/\/result#score$/);
  await expectNoAnswers(phoneContext, `/vi/contests/${id}/result`, tag, "routes/contest/result");
  // The class's organiser pages, while it runs: figures, never the key.
  await expectNoAnswers(teacherContext, organiserPath, tag, "routes/teach/contest");
  await expectNoAnswers(teacherContext, organiserPath.replace(/\/[^/]+$/, ""), tag, "routes/teach/contests");
  await expectNoAnswers(teacherContext, `${organiserPath}/live`, tag, "routes/teach/contest-live");
  await expect(phone.getByRole("status")).toContainText("Điểm và đáp án sẽ có khi cuộc thi kết thúc");

  // After closing: the member's score and explanations; the class leaderboard on the teacher's page.
  await phone.waitForTimeout(Math.max(0, closesAt - Date.now() + 1_000));
  await phone.reload();
  await expect(phone.getByTestId("score")).toHaveText("66/100 (đúng 2/3 câu)");
  await expect(phone.getByText(new RegExp(`EXPL-${tag}-vi-\\d-b`)).first()).toBeVisible();
  await teacher.goto(organiserPath);
  await expect(teacher.getByTestId("participants")).toHaveText("1");
  const classes = teacher.getByRole("table", { name: "Theo lớp" });
  await expect(classes.getByRole("row").nth(1)).toContainText(`Lớp thi ${tag}`);
  await expect(classes.getByRole("row").nth(1).getByRole("cell").nth(1)).toHaveText("1");
  await expect(classes.getByRole("row").nth(1)).toContainText("66");
  await Promise.all([teacherContext, outsider, phoneContext].map((c) => c.close()));
});
