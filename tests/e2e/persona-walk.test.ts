import { expect, test, type Browser, type Page } from "@playwright/test";
import { adminCommand, createClass, form, newPhone, postPractice, postQuiz, signUpAs, signUpWithRole, unique } from "./classes-helpers";
import { layoutProblems, lessonIds, openMenu, readPractices } from "./fixtures";

// What a walk through the built site as its people found (a commune official, an elderly learner
// at 200% without JavaScript, her grandson checking her certificate): each test is one of those
// problems, as the person met it.

const moduleId = "smart-devices";

/** Whether the element is inside the 360×640 screen now (polled: a plain post scrolls after layout). */
async function expectOnScreen(page: Page, selector: string) {
  await expect
    .poll(
      () =>
        page
          .locator(selector)
          .first()
          .evaluate((el) => {
            const r = el.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= window.innerHeight;
          }),
      { message: `${selector} is on the screen` },
    )
    .toBe(true);
}

test("an official finds the reports in the menu, and from the commune's report its villages and targets (JavaScript off)", async ({
  browser,
}) => {
  const { context, page, login } = await signUpAs(browser, "Anh Trần Văn Minh", { javaScriptEnabled: false });
  await adminCommand(["grant-official", login, "MAU01"]);
  await page.goto("/vi/progress");
  await openMenu(page);
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Báo cáo phong trào" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Báo cáo phong trào");
  await page.getByRole("link", { name: "Xã Tân Phú" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Báo cáo Xã Tân Phú");
  await page.getByRole("link", { name: "Thôn, chỉ tiêu và cán bộ của Xã Tân Phú" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Xã Tân Phú: đơn vị và người học");
  await expect(page.getByRole("heading", { name: "Quản lý thôn, ấp, bản, tổ dân phố" })).toBeVisible();
  // The same way in English.
  await page.goto("/en/progress");
  await openMenu(page);
  await page.getByRole("link", { name: "Movement reports" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Movement reports");
  // A learner who is no official is not offered the reports.
  const learner = await signUpAs(browser, "Bà Nguyễn Thị Tư", { javaScriptEnabled: false });
  await openMenu(learner.page);
  await expect(learner.page.locator("details.site-menu")).toContainText("Tiến độ của tôi");
  await expect(learner.page.getByRole("link", { name: "Báo cáo phong trào" })).toHaveCount(0);
  await learner.context.close();
  await context.close();
});

test("at 200% on a 360 px phone: the commune's report with its period form, and the learner's certificate with her name in one piece", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const official = await signUpAs(browser, "Anh Trần Văn Minh");
  await adminCommand(["grant-official", official.login, "MAU01"]);
  await official.page.evaluate(() => localStorage.setItem("bdhvs-display", "200.standard"));
  await official.page.goto("/vi/report/MAU01");
  await expect(official.page.locator(".rep-period")).toBeVisible();
  expect(await layoutProblems(official.page)).toEqual([]);

  // A guest finishes the topic, then makes an account and claims the certificate in her full name.
  const context = await newPhone(browser);
  for (const id of lessonIds("vi", moduleId)) await postQuiz(context.request, moduleId, id);
  for (const practice of readPractices("vi", moduleId)) await postPractice(context.request, moduleId, practice);
  const login = `bt${unique()}`;
  expect(
    (await context.request.post("/vi/signup", form({ displayName: "Nguyễn Thị Tư", login, password: "mat-khau-ba-tu" }))).status(),
  ).toBe(302);
  const claimed = await context.request.post(`/vi/certificates/claim/${moduleId}`, form({ printedName: "Nguyễn Thị Tư" }));
  expect(claimed.status()).toBe(302);
  const certificatePath = claimed.headers().location!.split("?")[0]!;
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem("bdhvs-display", "200.standard"));
  for (const url of [certificatePath, certificatePath.replace(/^\/vi\/certificates\//, "/vi/verify/")]) {
    await page.goto(url);
    await expect(page.locator(".certificate-name, .facts").first()).toContainText("Nguyễn Thị Tư");
    expect(await layoutProblems(page), url).toEqual([]);
  }
  await context.close();
  await official.context.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });

  test("joining a class without one's name at 200%: the message is on the screen, and the name then joins", async ({ browser, page }) => {
    const teacher = await signUpWithRole(browser, "Cô Lê Thị Hạnh", "instructor");
    const klass = await createClass(teacher.page, "Lớp buổi tối thôn Tân Lập");
    await teacher.context.close();
    // Her text size, saved the way the display page saves it without JavaScript (a cookie).
    expect((await page.request.post("/vi/display", form({ textSize: "200", contrast: "standard" }))).status()).toBe(302);
    await page.goto(`/vi/join/${klass.code}`);
    await page.getByRole("button", { name: "Vào lớp" }).click();
    await expect(page.getByText("Hãy nhập họ và tên.")).toBeVisible();
    await expectOnScreen(page, "text=Hãy nhập họ và tên.");
    await page.getByLabel("Họ và tên của bạn").fill("Nguyễn Thị Tư");
    await page.getByRole("button", { name: "Vào lớp" }).click();
    await expect(page).toHaveURL(/\/vi\/classes\?joined=1/);
    await expect(page.getByRole("heading", { name: "Lớp buổi tối thôn Tân Lập" })).toBeVisible();
  });

  test("a sign-up corrected after an error still returns to the page that asked for an account", async ({ page }) => {
    await page.goto(`/vi/signup?${new URLSearchParams({ redirectTo: "/vi/certificates" })}`);
    await page.locator("#displayName").fill("Nguyễn Thị Tư");
    await page.locator("#login").fill(`bt${unique()}`);
    await page.locator("#password").fill("123");
    await page.locator("form.form").getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page.locator(".error-summary")).toContainText("Mật khẩu");
    await page.locator("#password").fill("mat-khau-ba-tu");
    await page.locator("form.form").getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page).toHaveURL(/\/vi\/certificates\?notice=signedUp#notice$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chứng nhận của tôi");
  });
});

// What the walk found and left, each as the person met it.

/** A teacher (the instructor role granted) and her new class, on a 360 px phone. */
async function teacherWithClass(browser: Browser) {
  const teacher = await signUpWithRole(browser, "Cô Lê Thị Hạnh", "instructor");
  const klass = await createClass(teacher.page, "Lớp buổi tối thôn Tân Lập");
  return { teacher, page: teacher.page, klass };
}

test("a learner who finished a topic but holds no certificate yet is told it is ready, not to go and finish a topic", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const context = await newPhone(browser);
  for (const id of lessonIds("vi", moduleId)) await postQuiz(context.request, moduleId, id);
  for (const practice of readPractices("vi", moduleId)) await postPractice(context.request, moduleId, practice);
  const page = await context.newPage();
  const mine = page.locator("section[aria-labelledby=mine-title]");
  const expectations = {
    vi: { ready: "đã sẵn sàng", finish: "Hãy học xong một chủ đề" },
    en: { ready: "ready", finish: "Finish a topic" },
  };
  for (const step of ["guest", "account"] as const) {
    if (step === "account") {
      const login = `bt${unique()}`;
      expect(
        (await context.request.post("/vi/signup", form({ displayName: "Nguyễn Thị Tư", login, password: "mat-khau-ba-tu" }))).status(),
      ).toBe(302);
    }
    for (const [locale, words] of Object.entries(expectations)) {
      await page.goto(`/${locale}/certificates`);
      await expect(page.locator(step === "guest" ? "#guest-title" : "#ready-title")).toBeVisible();
      await expect(mine, `${step}, ${locale}`).toContainText(words.ready);
      await expect(mine, `${step}, ${locale}`).not.toContainText(words.finish);
    }
  }
  // Once she holds it, the list shows it and no "empty" sentence at all.
  expect((await context.request.post(`/vi/certificates/claim/${moduleId}`, form({ printedName: "Nguyễn Thị Tư" }))).status()).toBe(302);
  await page.goto("/vi/certificates");
  await expect(mine.locator(".certificate-card")).toHaveCount(1);
  await expect(mine.locator(".empty")).toHaveCount(0);
  await context.close();
});

test("a teacher at 200% on a 360 px phone: the class poster and the contest form fit, the code stays large on a wide screen and on paper", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { teacher, page, klass } = await teacherWithClass(browser);
  await page.evaluate(() => localStorage.setItem("bdhvs-display", "200.standard"));
  const problems: string[] = [];
  for (const locale of ["vi", "en"]) {
    for (const url of [`/${locale}/teach/classes/${klass.id}/poster`, `/${locale}/teach/classes/${klass.id}/contests`]) {
      await page.goto(url);
      problems.push(...(await layoutProblems(page)).map((p) => `${url}: ${p}`));
    }
  }
  expect(problems).toEqual([]);
  // On a wide screen and on paper the code keeps its full size (2.4 times the text's).
  const codeSize = () =>
    page
      .locator(".cls-code-huge")
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize) / parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.goto(`/vi/teach/classes/${klass.id}/poster`);
  expect(await codeSize(), "at 360 px the code shrinks to fit").toBeLessThan(2.4);
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await codeSize(), "on a wide screen").toBeCloseTo(2.4);
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: "print" });
  expect(await codeSize(), "on paper").toBeCloseTo(2.4);
  await teacher.context.close();
});

test("the units page's way back names the reports as the reports page does, in vi and en", async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page, login } = await signUpAs(browser, "Anh Trần Văn Minh", { javaScriptEnabled: false });
  await adminCommand(["grant-official", login, "MAU01"]);
  for (const [locale, name] of [
    ["vi", "Báo cáo phong trào"],
    ["en", "Movement reports"],
  ] as const) {
    await page.goto(`/${locale}/report`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await page.goto(`/${locale}/report/units/MAU01`);
    await expect(
      page
        .getByRole("navigation", { name: locale === "vi" ? "Bạn đang ở đây" : "You are here" })
        .getByRole("link")
        .first(),
    ).toHaveText(name);
  }
  await context.close();
});

test("the class page's two downloads say plainly which is the Excel workbook and which is the other spreadsheet, in vi and en", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { teacher, page, klass } = await teacherWithClass(browser);
  for (const locale of ["vi", "en"]) {
    await page.goto(`/${locale}/teach/classes/${klass.id}`);
    const xlsx = (await page.locator('a[href$="/export.xlsx"]').innerText()).trim();
    const csv = (await page.locator('a[href$="/export.csv"]').innerText()).trim();
    expect(xlsx, locale).toMatch(/Excel.*\.xlsx/);
    // The other file is not "for Excel" too: it says what it is for.
    expect(csv, locale).not.toMatch(/Excel/);
    expect(csv, locale).toMatch(locale === "vi" ? /phần mềm khác/ : /other (software|programs)/);
  }
  await teacher.context.close();
});
