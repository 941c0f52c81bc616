import { expect, test } from "@playwright/test";
import { answerQuiz, openMenu, readLesson, readModuleTitle } from "./fixtures";

const moduleId = "scam-avoidance";
const lessonId = "fake-police-calls";

const text = {
  vi: {
    start: "Bắt đầu học",
    submit: "Nộp bài",
    passed: "Chúc mừng! Bạn đã nắm được bài này.",
    notYet: /Chưa đạt/,
    progress: "Tiến độ của tôi",
    mastered: "Đã nắm được",
    wrong: "Sai:",
    retry: "Làm lại bài kiểm tra",
  },
  en: {
    start: "Start learning",
    submit: "Submit answers",
    passed: "Well done! You have mastered this lesson.",
    notYet: /Not yet/,
    progress: "My progress",
    mastered: "Mastered",
    wrong: "Wrong:",
    retry: "Try the quiz again",
  },
} as const;

for (const locale of ["vi", "en"] as const) {
  for (const javaScriptEnabled of [true, false]) {
    test.describe(`learner flow in ${locale}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      test.use({ javaScriptEnabled, locale: locale === "vi" ? "vi-VN" : "en-US" });

      test("home → module → lesson → quiz → result → progress", async ({ page }) => {
        const t = text[locale];
        const lesson = readLesson(locale, moduleId, lessonId);
        const questions = lesson.quiz.questions;

        // "/" sends the browser to its own language.
        await page.goto("/");
        await expect(page).toHaveURL(new RegExp(`/${locale}$`));
        await expect(page.locator("html")).toHaveAttribute("lang", locale);

        await page.getByRole("link", { name: readModuleTitle(locale, moduleId), exact: true }).click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(readModuleTitle(locale, moduleId));
        await page.getByRole("link", { name: new RegExp(lesson.title) }).click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(lesson.title);

        // First try: two questions wrong (one slip is allowed). Score, the wrong answers marked and explained, a retry.
        await answerQuiz(page, questions, { wrong: 2 });
        await page.getByRole("button", { name: t.submit }).click();
        await expect(page).toHaveURL(/\/attempts\//);
        await expect(page.getByText(t.notYet)).toBeVisible();
        const firstWrong = questions[0]!.options.find((o) => !o.correct)!;
        await expect(page.getByText(firstWrong.explanation)).toBeVisible();
        await expect(page.locator(".review-question.is-wrong")).toHaveCount(2);

        // Second try: all right, mastered, and the next lesson is offered.
        await page.getByRole("link", { name: t.retry }).click();
        await answerQuiz(page, questions);
        await page.getByRole("button", { name: t.submit }).click();
        await expect(page.getByText(t.passed)).toBeVisible();
        await expect(
          page.getByText(`${questions.length}/${questions.length}`).or(page.getByText(`${questions.length} of ${questions.length}`)),
        ).toBeVisible();
        const nextTitle = readLesson(locale, moduleId, "phishing-messages").title;
        await expect(page.getByRole("link", { name: new RegExp(nextTitle) })).toBeVisible();

        // Progress is saved.
        await page.getByRole("link", { name: t.progress }).first().click();
        const row = page.locator("li", { hasText: lesson.title });
        await expect(row.locator(".badge")).toHaveText(t.mastered);
        await expect(row).toContainText("100%");
      });
    });
  }
}

test("the language switch keeps the learner on the same lesson", async ({ page }) => {
  await page.goto(`/vi/modules/${moduleId}/${lessonId}`);
  await openMenu(page);
  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(`/en/modules/${moduleId}/${lessonId}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(readLesson("en", moduleId, lessonId).title);
  await openMenu(page);
  await page.getByRole("link", { name: "Tiếng Việt" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(readLesson("vi", moduleId, lessonId).title);
});

test("unknown pages get a 404 in the learner's language", async ({ page }) => {
  for (const [url, heading] of [
    ["/vi/khong-co-trang-nay", "Không tìm thấy trang"],
    ["/en/no-such-page", "Page not found"],
    [`/en/modules/${moduleId}/no-such-lesson`, "Page not found"],
    // No locale in the URL: the browser's language (English here) decides.
    ["/xx/modules", "Page not found"],
  ] as const) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  }
});

test("the health check answers 200 with the database reachable", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe("ok");
});
