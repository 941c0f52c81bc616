import { expect, test } from "@playwright/test";
import { answerQuiz, answerTask, expectAccessible, expectPhoneFriendly, readLesson, readPractices } from "./fixtures";

const moduleId = "cashless-payment";
const lessonId = "check-before-you-pay";

for (const locale of ["vi", "en"] as const) {
  test(`every page passes axe (WCAG 2.2 AA) and suits a 360 px phone in ${locale}`, async ({ page }) => {
    // A dozen pages, each analysed by axe: longer than the default 30 s on a busy 2-core machine.
    test.setTimeout(120_000);
    const pages = [
      `/${locale}`,
      `/${locale}/modules/${moduleId}`,
      `/${locale}/modules/${moduleId}/${lessonId}`,
      `/${locale}/progress`,
      `/${locale}/signup`,
      `/${locale}/login`,
      `/${locale}/no-such-page`,
    ];
    for (const url of pages) {
      await page.goto(url);
      await expectAccessible(page);
      await expectPhoneFriendly(page);
    }

    // Pages with learner data: a result with a wrong answer, progress, and a form with errors.
    const lesson = readLesson(locale, moduleId, lessonId);
    await page.goto(`/${locale}/modules/${moduleId}/${lessonId}`);
    await page.getByRole("button", { name: locale === "vi" ? "Nộp bài" : "Submit answers" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    await expectAccessible(page);
    await answerQuiz(page, lesson.quiz.questions, { wrong: 1 });
    await page.getByRole("button", { name: locale === "vi" ? "Nộp bài" : "Submit answers" }).click();
    await expect(page).toHaveURL(/\/attempts\//);
    await expectAccessible(page);
    await expectPhoneFriendly(page);
    await page.goto(`/${locale}/progress`);
    await expectAccessible(page);
    await expectPhoneFriendly(page);
    await page.goto(`/${locale}/signup`);
    await page.getByRole("button", { name: locale === "vi" ? "Tạo tài khoản" : "Create account" }).click();
    await expect(page.locator(".field-error").first()).toBeVisible();
    await expectAccessible(page);

    // A practice with a payment scenario (VietQR card), its instant feedback, and its result.
    const practice = readPractices(locale, moduleId)[0]!;
    await page.goto(`/${locale}/modules/${moduleId}/practice/${practice.id}`);
    await expectAccessible(page);
    await expectPhoneFriendly(page);
    await answerTask(page, practice.tasks[0]!, { wrong: practice.tasks[0]!.type === "choice" });
    await page.locator("fieldset.task").first().locator(`button[name="intent"]`).click();
    await expect(page.locator(".feedback").first()).toBeVisible();
    await expectAccessible(page);
    for (const task of practice.tasks) await answerTask(page, task);
    await page.getByRole("button", { name: locale === "vi" ? "Hoàn thành và lưu kết quả" : "Finish and save my result" }).click();
    await expect(page).toHaveURL(/\/practice\/.+\/attempts\//);
    await expectAccessible(page);
    await expectPhoneFriendly(page);
  });
}

test("focus is visible when moving through the lesson with the keyboard", async ({ page }) => {
  await page.goto(`/vi/modules/${moduleId}/${lessonId}`);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Bỏ qua, đến nội dung chính" });
  await expect(skip).toBeFocused();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
});
