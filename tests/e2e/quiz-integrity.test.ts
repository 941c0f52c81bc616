import { expect, test } from "@playwright/test";
import { answerQuiz, readLesson } from "./fixtures";

const moduleId = "scam-avoidance";
const lessonId = "phishing-messages";
const url = `/en/modules/${moduleId}/${lessonId}`;

test("the lesson page never contains which answers are right", async ({ page, request }) => {
  const lesson = readLesson("en", moduleId, lessonId);
  const html = await (await request.get(url)).text();
  expect(html).toContain(lesson.quiz.questions[0]!.prompt.replace(/"/g, "&quot;").slice(0, 20));
  for (const q of lesson.quiz.questions) {
    for (const o of q.options) expect(html, "an explanation leaked into the page").not.toContain(o.explanation);
  }
  expect(html).not.toMatch(/"correct"\s*:/);
  expect(html).not.toContain("explanation");

  // Nor does any script the page loads.
  await page.goto(url);
  const scripts = await page.evaluate(() =>
    Array.from(document.querySelectorAll("script[src], link[rel=modulepreload]")).map(
      (e) => (e as HTMLScriptElement).src || (e as HTMLLinkElement).href,
    ),
  );
  for (const src of scripts) {
    const body = await (await request.get(src)).text();
    for (const q of lesson.quiz.questions) for (const o of q.options) expect(body).not.toContain(o.explanation);
  }
});

test.describe("tampered answers are refused and nothing is recorded", () => {
  test("a forged option with JavaScript off keeps the learner's other choices", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const lesson = readLesson("en", moduleId, lessonId);
    await page.goto(url);
    await answerQuiz(page, lesson.quiz.questions);
    // Someone edits the form: the first question's chosen option now carries an unknown id.
    const first = lesson.quiz.questions[0]!;
    const chosen = first.options.find((o) => o.correct)!;
    await page.locator(`#q-${first.id}-${chosen.id}`).evaluate((el) => el.setAttribute("value", "forged-option"));
    await page.getByRole("button", { name: "Submit answers" }).click();

    await expect(page.getByRole("alert")).toHaveText(/does not match this quiz, so it was not marked/);
    const last = lesson.quiz.questions.at(-1)!;
    for (const o of last.options.filter((x) => x.correct)) await expect(page.locator(`#q-${last.id}-${o.id}`)).toBeChecked();
    expect((await context.cookies()).map((c) => c.name)).not.toContain("__session");
    await page.goto("/en/progress");
    await expect(page.getByText("You have not taken a quiz yet.")).toBeVisible();
    await context.close();
  });

  test("posts with unknown questions, missing answers or a score field get 400 and no attempt", async ({ page }) => {
    const lesson = readLesson("en", moduleId, lessonId);
    const honest: Record<string, string> = {};
    for (const q of lesson.quiz.questions) honest[`answer.${q.id}`] = q.options.find((o) => o.correct)!.id;
    const [firstKey] = Object.keys(honest);
    const cases: Record<string, string>[] = [
      { ...honest, "answer.made-up-question": "a" },
      { ...honest, score: "100" },
      Object.fromEntries(Object.entries(honest).filter(([k]) => k !== firstKey)),
    ];
    for (const form of cases) {
      const response = await page.request.post(url, { form, maxRedirects: 0 });
      expect(response.status()).toBe(400);
    }
    // Missing answers are named in the learner's language.
    const missing = await page.request.post(`/vi/modules/${moduleId}/${lessonId}`, { form: cases[2]!, maxRedirects: 0 });
    expect(await missing.text()).toContain("Bạn còn 1 câu chưa trả lời.");
    await page.goto("/en/progress");
    await expect(page.getByText("You have not taken a quiz yet.")).toBeVisible();
  });

  test("unanswered questions are pointed out with JavaScript on, and choices kept", async ({ page }) => {
    const lesson = readLesson("vi", moduleId, lessonId);
    await page.goto(`/vi/modules/${moduleId}/${lessonId}`);
    await answerQuiz(page, lesson.quiz.questions.slice(1));
    await page.getByRole("button", { name: "Nộp bài" }).click();
    await expect(page.getByRole("alert")).toHaveText(/Bạn còn 1 câu chưa trả lời/);
    await expect(page.locator(".question-missing")).toHaveCount(1);
    await expect(page.locator(".question-missing")).toContainText(lesson.quiz.questions[0]!.prompt);
    const second = lesson.quiz.questions[1]!;
    for (const o of second.options.filter((x) => x.correct)) await expect(page.locator(`#q-${second.id}-${o.id}`)).toBeChecked();
  });

  test("someone else's result page is not found", async ({ browser }) => {
    const owner = await browser.newContext();
    const page = await owner.newPage();
    const lesson = readLesson("en", moduleId, lessonId);
    await page.goto(url);
    await answerQuiz(page, lesson.quiz.questions);
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page).toHaveURL(/\/attempts\//);
    const resultUrl = page.url();

    // Another learner with a session of their own: not found, nothing says it exists.
    const stranger = await browser.newContext();
    const other = await stranger.newPage();
    await other.goto(url);
    await answerQuiz(other, lesson.quiz.questions);
    await other.getByRole("button", { name: "Submit answers" }).click();
    await expect(other).toHaveURL(/\/attempts\//);
    expect(other.url()).not.toBe(resultUrl);
    expect((await other.goto(resultUrl))?.status()).toBe(404);
    await expect(other.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    // Someone with no session at all may be its owner, logged out: asked to log in and come back.
    const visitor = await browser.newContext();
    const anonymous = await visitor.newPage();
    await anonymous.goto(resultUrl);
    const back = new URL(resultUrl);
    await expect(anonymous).toHaveURL(`/en/login?redirectTo=${encodeURIComponent(back.pathname)}${back.hash}`);
    await owner.close();
    await stranger.close();
    await visitor.close();
  });
});
