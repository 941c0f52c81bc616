import { expect, test, type Page } from "@playwright/test";
import { postPractice, postQuiz } from "./classes-helpers";
import { answerQuiz, answerTask, expectAccessible, expectPhoneFriendly, lessonIds, openMenu, readLesson, readPractices } from "./fixtures";

// Issue 11: a farmer on an old phone with JavaScript off, on a 360×640 screen. After a plain form
// post the answer must be where the person is looking, not thousands of pixels down.
test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });

const moduleId = "smart-devices";
const lessonId = lessonIds("vi", moduleId)[0]!;
const lessonPath = `/vi/modules/${moduleId}/${lessonId}`;

/** Where an element is on the screen now: its top, in px from the top of the viewport. */
const topOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => el.getBoundingClientRect().top);

test("a half-filled quiz comes back at the quiz, with a summary linking to each unanswered question", async ({ page }) => {
  const lesson = readLesson("vi", moduleId, lessonId);
  await page.goto(lessonPath);
  await page.locator(`#q-${lesson.quiz.questions[0]!.id}-${lesson.quiz.questions[0]!.options[0]!.id}`).check();
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page).toHaveURL(/#quiz$/);
  const summary = page.locator(".error-summary");
  await expect(summary).toContainText("Cần sửa lại");
  // On the screen once the browser has scrolled to #quiz (after the page's layout: polled; a CI run
  // once measured it before the scroll, at 4,996 px).
  await expect
    .poll(
      async () => {
        const top = await topOf(page, ".error-summary");
        return top >= 0 && top < 640;
      },
      { message: "the error summary is on the screen" },
    )
    .toBe(true);
  const links = summary.getByRole("link");
  await expect(links).toHaveCount(lesson.quiz.questions.length - 1);
  await expect(links.first()).toHaveText("Câu 2: chưa chọn đáp án");
  await links.first().click();
  await expect(page).toHaveURL(new RegExp(`#question-${lesson.quiz.questions[1]!.id}$`));
  // The choice already made is kept.
  await expect(page.locator(`#q-${lesson.quiz.questions[0]!.id}-${lesson.quiz.questions[0]!.options[0]!.id}`)).toBeChecked();
});

test("the result opens at the score, states the pass mark as a count and explains every option", async ({ page }) => {
  const lesson = readLesson("vi", moduleId, lessonId);
  const questions = lesson.quiz.questions;
  await page.goto(lessonPath);
  await expect(page.locator("#quiz")).toContainText(`Cần đúng ${questions.length - 1}/${questions.length} câu để đạt.`);
  await answerQuiz(page, questions, { wrong: 2 });
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page).toHaveURL(/\/attempts\/[^#]+#score$/);
  // At the top once the browser has scrolled to #score (polled: a loaded CI run measured 363 px first).
  await expect
    .poll(async () => {
      const top = await topOf(page, "#score");
      return top >= 0 && top < 100;
    })
    .toBe(true);
  await expect(page.locator("#score")).toContainText(`Chưa đạt: cần đúng ${questions.length - 1}/${questions.length} câu.`);
  // Every option of every question, with its explanation.
  for (const q of questions) for (const o of q.options) await expect(page.getByText(o.explanation, { exact: true })).toBeVisible();
  await expect(page.locator(".review-options li")).toHaveCount(questions.reduce((n, q) => n + q.options.length, 0));
});

test("one slip on a 4-question quiz passes: 3 of 4", async ({ page }) => {
  const id = lessonIds("vi", moduleId).find((l) => readLesson("vi", moduleId, l).quiz.questions.length === 4)!;
  await page.goto(`/vi/modules/${moduleId}/${id}`);
  await answerQuiz(page, readLesson("vi", moduleId, id).quiz.questions, { wrong: 1 });
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page.locator("#score")).toContainText("Bạn trả lời đúng 3/4 câu");
  await expect(page.locator("#score")).toContainText("Chúc mừng! Bạn đã nắm được bài này.");
});

test("checking a practice task lands at its answer; the feedback reads in order, and says which steps are misplaced", async ({ page }) => {
  const practice = readPractices("vi", "cashless-payment")[0]!;
  await page.goto(`/vi/modules/cashless-payment/practice/${practice.id}`);
  const choice = practice.tasks.find((t) => t.type === "choice")!;
  await answerTask(page, choice, { wrong: true });
  await page.locator(`#task-${choice.id}`).getByRole("button", { name: "Kiểm tra câu này" }).click();
  await expect(page).toHaveURL(new RegExp(`#check-${choice.id}$`));
  const feedback = page.locator(`#check-${choice.id} .feedback`);
  const top = await topOf(page, `#check-${choice.id} .feedback`);
  expect(top, "the feedback is on the screen").toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(640);
  const wrongOption = choice.options!.find((o) => !o.correct)!;
  const rightOption = choice.options!.find((o) => o.correct)!;
  // Verdict, then what was chosen and why, then the right answer and why.
  const text = (await feedback.innerText()).replace(/\s+/g, " ");
  const order = [
    "Chưa đúng.",
    `Bạn chọn: ${wrongOption.text}`,
    wrongOption.explanation,
    `Đáp án đúng: ${rightOption.text}`,
    rightOption.explanation,
  ].map((part) => text.indexOf(part.replace(/\s+/g, " ")));
  expect(
    order.every((i) => i >= 0),
    text,
  ).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);

  const ordering = practice.tasks.find((t) => t.type === "order")!;
  const steps = ordering.steps!;
  // The first two steps swapped: those two are misplaced, the others in place.
  for (const [index, step] of steps.entries()) {
    const position = index === 0 ? 2 : index === 1 ? 1 : index + 1;
    await page.locator(`#t-${ordering.id}-${step.id}`).selectOption(String(position));
  }
  await page.locator(`#task-${ordering.id}`).getByRole("button", { name: "Kiểm tra câu này" }).click();
  const review = page.locator(`#check-${ordering.id} .order-review li`);
  await expect(review).toHaveCount(steps.length);
  await expect(review.nth(0)).toContainText(`${steps[1]!.text} (sai chỗ: đây là bước 2)`);
  await expect(review.nth(1)).toContainText(`${steps[0]!.text} (sai chỗ: đây là bước 1)`);
  await expect(review.nth(2)).toContainText("(đúng chỗ)");
  // A payment task now says the screen is below, where it is.
  await expect(page.getByText("màn hình hiện như hình dưới đây").first()).toBeVisible();
  await expect(page.getByText("màn hình hiện như trên")).toHaveCount(0);
});

test("sign-up says what is wrong with a login name, at the top, and each step is confirmed", async ({ page }) => {
  await page.goto("/vi/signup");
  await page.getByLabel("Họ và tên").fill("Nguyễn Văn Tuấn");
  await page.getByLabel("Số điện thoại hoặc tên đăng nhập").fill("Nguyễn Văn Tuấn");
  await page.getByLabel("Mật khẩu").fill("mat-khau-cua-tuan");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toContainText("Tên đăng nhập có dấu cách. Hãy viết liền, ví dụ: nguyenvantuan");
  // (The browser scrolls to #signup-form once the page has loaded.)
  await expect.poll(() => topOf(page, ".error-summary")).toBeLessThan(640);
  await page.getByLabel("Số điện thoại hoặc tên đăng nhập").fill("tuấn");
  await page.getByLabel("Mật khẩu").fill("mat-khau-cua-tuan");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(summary).toContainText("Tên đăng nhập có dấu. Hãy viết không dấu, ví dụ: tuan");
  await expect(summary.getByRole("link")).toHaveAttribute("href", "#login");

  // A guest with work signs up: told the work was kept.
  await page.goto(lessonPath);
  await answerQuiz(page, readLesson("vi", moduleId, lessonId).quiz.questions);
  await page.getByRole("button", { name: "Nộp bài" }).click();
  const login = `nguyenvantuan${Date.now()}`;
  await page.goto("/vi/signup");
  await page.getByLabel("Họ và tên").fill("Nguyễn Văn Tuấn");
  await page.getByLabel("Số điện thoại hoặc tên đăng nhập").fill(login);
  await page.getByLabel("Mật khẩu").fill("mat-khau-cua-tuan");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã tạo tài khoản" })).toContainText("được giữ lại trong tài khoản");
  await openMenu(page);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.locator("#notice")).toContainText("Bạn đã đăng xuất. Bài đã học vẫn lưu trong tài khoản");
  await page.goto("/vi/login");
  await page.getByLabel("Số điện thoại hoặc tên đăng nhập").fill(login);
  await page.getByLabel("Mật khẩu").fill("mat-khau-cua-tuan");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.locator("#notice")).toContainText("Bạn đã đăng nhập.");
});

test("logged out, one's own result link asks to log in and comes back; logged in as someone else it is a 404", async ({
  page,
  browser,
}) => {
  const login = `ket-qua-${Date.now()}`;
  await page.goto("/vi/signup");
  await page.getByLabel("Họ và tên").fill("Phạm Thị Hồng");
  await page.getByLabel("Số điện thoại hoặc tên đăng nhập").fill(login);
  await page.getByLabel("Mật khẩu").fill("mat-khau-cua-hong");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await page.goto(lessonPath);
  await answerQuiz(page, readLesson("vi", moduleId, lessonId).quiz.questions);
  await page.getByRole("button", { name: "Nộp bài" }).click();
  const resultPath = new URL(page.url()).pathname;

  const other = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
  const phone = await other.newPage();
  await phone.goto(resultPath);
  await expect(phone).toHaveURL(`/vi/login?redirectTo=${encodeURIComponent(resultPath)}`);
  await expect(phone.getByText("Hãy đăng nhập để xem trang này.")).toBeVisible();
  await phone.getByLabel("Số điện thoại hoặc tên đăng nhập").fill(login);
  await phone.getByLabel("Mật khẩu").fill("mat-khau-cua-hong");
  await phone.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(phone).toHaveURL(new RegExp(`${resultPath}\\?notice=loggedIn`));
  await expect(phone.locator("#score")).toBeVisible();
  await other.close();

  // Someone else, signed in: the same link is a 404.
  const stranger = await browser.newContext({ javaScriptEnabled: false });
  const strangerPage = await stranger.newPage();
  await strangerPage.goto("/vi/signup");
  await strangerPage.getByLabel("Họ và tên").fill("Người Lạ");
  await strangerPage.getByLabel("Số điện thoại hoặc tên đăng nhập").fill(`nguoi-la-${Date.now()}`);
  await strangerPage.getByLabel("Mật khẩu").fill("mat-khau-nguoi-la");
  await strangerPage.getByRole("button", { name: "Tạo tài khoản" }).click();
  expect((await strangerPage.goto(resultPath))?.status()).toBe(404);
  await stranger.close();
});

/**
 * After a refused post without JavaScript: the page is at #<form>, the summary at the form's top and
 * on the screen, its link to the field; the field keeps what was typed and says what is wrong.
 */
async function expectSummaryAtForm(
  page: Page,
  form: string,
  field: string,
  { message, typed }: { message: string | RegExp; typed: string },
) {
  await expect(page).toHaveURL(new RegExp(`#${form}$`));
  const summary = page.locator(`#${form} .error-summary`);
  await expect(summary.getByRole("heading")).toHaveText("Cần sửa lại");
  const link = summary.getByRole("link", { name: message });
  await expect(link).toHaveAttribute("href", `#${field}`);
  expect(await page.locator(`#${form} > *`).first().getAttribute("class")).toBe("error-summary");
  // On the screen once the browser has scrolled to the form (polled: after the page's layout).
  await expect
    .poll(async () => {
      const top = await topOf(page, `#${form} .error-summary`);
      return top >= 0 && top < 640;
    })
    .toBe(true);
  await expect(page.locator(`#${field}`)).toHaveValue(typed);
  await expect(page.locator(`#${field}`)).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${field}`)).toHaveAttribute("aria-describedby", `${field}-hint ${field}-error`);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`#${field}$`));
  return summary;
}

/** A new account that has finished a module (every lesson and practice posted as the forms would), on the claim page. */
async function openCertificateClaim(page: Page, locale: "vi" | "en") {
  const certModule = "ai-daily-life";
  await page.goto(`/${locale}/signup`);
  await page.locator("#displayName").fill("Tuyết");
  await page.locator("#login").fill(`chung-nhan-${Date.now()}${Math.floor(Math.random() * 1e6)}`);
  await page.locator("#password").fill("mat-khau-cua-tuyet");
  await page.locator("form.form").getByRole("button").click();
  await expect(page).toHaveURL(/notice=/);
  for (const id of lessonIds("vi", certModule)) await postQuiz(page.request, certModule, id);
  for (const practice of readPractices("vi", certModule)) await postPractice(page.request, certModule, practice);
  await page.goto(`/${locale}/certificates/claim/${certModule}`);
  await expect(page.locator("#printedName")).toHaveValue("Tuyết");
}

test("a name the certificate cannot take comes back at the form, with a summary at the top linking to the field, in Vietnamese and English", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await openCertificateClaim(page, "vi");
  await page.locator("#printedName").fill("Tuyết 123");
  await page.getByRole("button", { name: "Nhận chứng nhận với tên này" }).click();
  const summary = await expectSummaryAtForm(page, "claim-form", "printedName", {
    message: /Không dùng số hay ký hiệu\.$/,
    typed: "Tuyết 123",
  });

  // The same in English, for an empty name.
  await page.goto("/en/certificates/claim/ai-daily-life");
  await page.locator("#printedName").fill("");
  await page.getByRole("button", { name: "Get the certificate with this name" }).click();
  await expect(summary.getByRole("heading")).toHaveText("There is a problem");
  await expect(summary.getByRole("link")).toHaveText("Please enter the full name to print on the certificate.");
  await expect(page.locator("#printedName-error")).toHaveText("Please enter the full name to print on the certificate.");
});

test("a mistyped certificate code comes back at the form, with a summary at the top linking to the field, in Vietnamese and English", async ({
  page,
}) => {
  // A grandson checking his grandmother's certificate on a cheap phone: 15 symbols whose check symbol is wrong.
  await page.goto("/vi/verify");
  await page.locator("#code").fill("00000 00000 00001");
  await page.getByRole("button", { name: "Kiểm tra", exact: true }).click();
  await expect(page).toHaveURL(/\/vi\/verify\?code=[^#]+#verify-form$/);
  const summary = await expectSummaryAtForm(page, "verify-form", "code", {
    message: "Mã này có vẻ bị gõ nhầm một chữ. Hãy so lại từng chữ với chứng nhận.",
    typed: "00000 00000 00001",
  });

  // The same in English, for an empty code (the browser's own check does not stop it first).
  await page.goto("/en/verify");
  await page.getByRole("button", { name: "Check", exact: true }).click();
  await expect(summary.getByRole("heading")).toHaveText("There is a problem");
  await expect(summary.getByRole("link")).toHaveText("Please type the certificate code.");
  await expect(page.locator("#code-error")).toHaveText("Please type the certificate code.");

  // A code that reads as a code opens its verdict at the top, not at the "check another code" form below it.
  await page.locator("#code").fill("000000000000000");
  await page.getByRole("button", { name: "Check", exact: true }).click();
  await expect(page).toHaveURL(/\/en\/verify\/00000-00000-00000#main$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No certificate found");
  await expect.poll(() => topOf(page, "h1")).toBeLessThan(640);
});

test("the display page says plainly what needs JavaScript", async ({ request }) => {
  // In a <noscript>: a browser with JavaScript off shows it (Playwright's "JavaScript off" only stops
  // scripts, and its parser still hides <noscript>, so the page's HTML is read here).
  for (const [url, text] of [
    ["/vi/display", "Trình duyệt này đang tắt JavaScript, nên hai việc dưới đây chưa dùng được"],
    ["/en/display", "JavaScript is turned off in this browser, so the two things below do not work"],
  ]) {
    const html = await (await request.get(url!)).text();
    expect(html).toMatch(new RegExp(`<noscript><p class="alert">${text}`));
  }
});

/** With JavaScript: the page moves to #<form>, its summary on the screen, announced (role=alert), passing axe at 360 px. */
async function expectAnnouncedSummary(page: Page, form: string, text: string) {
  await expect(page).toHaveURL(new RegExp(`#${form}$`));
  const summary = page.locator(`#${form} .error-summary`);
  await expect(summary).toHaveAttribute("role", "alert");
  await expect(summary.getByRole("link")).toHaveText(text);
  await expect.poll(() => topOf(page, `#${form} .error-summary`)).toBeLessThan(640);
  await expectAccessible(page);
  await expectPhoneFriendly(page);
  return summary;
}

test.describe("with JavaScript", () => {
  test.use({ javaScriptEnabled: true });
  test("the language switch lands on the same section and keeps the answers already chosen", async ({ page }) => {
    const lesson = readLesson("vi", moduleId, lessonId);
    const [first, second] = lesson.quiz.questions;
    await page.goto(lessonPath);
    await page.waitForLoadState("networkidle"); // hydrated: the switch's click handler is there
    await page.locator(`#q-${first!.id}-${first!.options[1]!.id}`).check();
    await page.locator(`#question-${second!.id}`).evaluate((el) => el.scrollIntoView({ block: "start" }));
    await openMenu(page);
    await page.getByRole("link", { name: "English" }).click();
    await expect(page).toHaveURL(new RegExp(`/en/modules/${moduleId}/${lessonId}#question-${second!.id}$`));
    await expect(page.locator(`#q-${first!.id}-${first!.options[1]!.id}`)).toBeChecked();
    const top = await topOf(page, `#question-${second!.id}`);
    expect(top).toBeGreaterThanOrEqual(-5);
    expect(top).toBeLessThan(200);
  });

  test("the certificate claim's error summary is at the top of the form, on the screen, linking to the field", async ({ page }) => {
    test.setTimeout(60_000);
    await openCertificateClaim(page, "vi");
    await page.waitForLoadState("networkidle");
    await page.locator("#printedName").fill("");
    await page.getByRole("button", { name: "Nhận chứng nhận với tên này" }).click();
    // As on the sign-up form: the page moves to #claim-form, the summary at its top, announced (role=alert).
    const summary = await expectAnnouncedSummary(page, "claim-form", "Hãy nhập họ và tên để in trên chứng nhận.");
    await summary.getByRole("link").click();
    await expect(page).toHaveURL(/#printedName$/);
  });

  test("the certificate verify form's error summary is at the top of the form, announced, and passes axe", async ({ page }) => {
    await page.goto("/vi/verify");
    await page.waitForLoadState("networkidle");
    await page.locator("#code").fill("12345");
    await page.getByRole("button", { name: "Kiểm tra", exact: true }).click();
    await expect(page).toHaveURL(/\?code=12345#verify-form$/);
    await expectAnnouncedSummary(page, "verify-form", "Mã chứng nhận có đúng 15 chữ và số. Hãy đếm lại.");
  });

  test("the quiz's error summary gets the focus, and the result opens at the score", async ({ page }) => {
    const lesson = readLesson("vi", moduleId, lessonId);
    await page.goto(lessonPath);
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Nộp bài" }).click();
    await expect(page.locator(".error-summary")).toBeFocused();
    await answerQuiz(page, lesson.quiz.questions);
    await page.getByRole("button", { name: "Nộp bài" }).click();
    await expect(page).toHaveURL(/#score$/);
    await expect.poll(() => topOf(page, "#score")).toBeLessThan(100);
  });
});
