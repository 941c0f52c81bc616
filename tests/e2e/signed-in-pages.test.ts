import { expect, test, type Page, type Response } from "@playwright/test";
import { answerQuiz, expectGreeting, readLesson } from "./fixtures";
import { newPhone, signUpAs } from "./classes-helpers";

// A signed-in learner's lesson page comes from a page template (server/page-templates.mjs): rendered
// once for everyone whose header is alike, then filled in with each learner's own name. These names
// are the hardest to fill in right: quotes, a tag, an ampersand, a backslash and a closing script.
const nameA = `Lan "Bé" <b>Ánh</b> & 'Út' \\ </script>`;
const nameB = "Trần Văn Bình";
const lessonPath = "/vi/modules/scam-avoidance/phishing-messages";

/** Opens the lesson until a response comes from a template (the first renders make them). */
async function openFromTemplate(page: Page): Promise<Response> {
  for (let i = 0; i < 10; i++) {
    const response = await page.goto(lessonPath);
    if (response?.headers()["x-cache"] === "TEMPLATE") return response;
  }
  throw new Error("the lesson page never came from a template");
}

test.describe("signed-in pages from templates", () => {
  test("each learner sees their own name, hydrated without a mismatch, and the quiz on it is graded", async ({ browser }) => {
    const a = await signUpAs(browser, nameA);
    const b = await signUpAs(browser, nameB);
    const problems: string[] = [];
    for (const page of [a.page, b.page]) {
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(message.text());
      });
    }

    const responseA = await openFromTemplate(a.page);
    const htmlA = await responseA.text();
    await expectGreeting(a.page, nameA);
    expect(htmlA).not.toContain(nameB);

    const responseB = await openFromTemplate(b.page);
    const htmlB = await responseB.text();
    await expectGreeting(b.page, nameB);
    expect(htmlB).not.toContain("Ánh");
    // Every inline script runs under this response's own nonce.
    const nonce = /'nonce-([^']+)'/.exec(responseB.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce).toBeTruthy();
    const scriptNonces = [...htmlB.matchAll(/<script\b[^>]*\bnonce="([^"]*)"/g)].map((m) => m[1]);
    expect(scriptNonces.length).toBeGreaterThan(2);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));

    // After hydration the page is live: the quiz posts, and the answers are graded for A.
    const lesson = readLesson("vi", "scam-avoidance", "phishing-messages");
    await answerQuiz(a.page, lesson.quiz.questions);
    await a.page.getByRole("button", { name: "Nộp bài" }).click();
    await expect(a.page).toHaveURL(/\/attempts\//);
    await expect(a.page.getByText(`${lesson.quiz.questions.length}/${lesson.quiz.questions.length}`)).toBeVisible();
    await expectGreeting(a.page, nameA);

    expect(problems).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  test("without JavaScript too, the name in the page is the learner's own", async ({ browser }) => {
    const a = await signUpAs(browser, nameA, { javaScriptEnabled: false });
    const response = await openFromTemplate(a.page);
    expect(response.headers()["x-cache"]).toBe("TEMPLATE");
    await a.page.locator("details.site-menu summary").click();
    await expect(a.page.getByText(`Xin chào, ${nameA}`)).toBeVisible();
    await a.context.close();
  });

  test("a learner with a cookie but no session (signed out) gets the page as for a visitor, never someone's name", async ({ browser }) => {
    const context = await newPhone(browser);
    await context.addCookies([{ name: "__session", value: "forged", url: "http://127.0.0.1" }]);
    const page = await context.newPage();
    let html = "";
    for (let i = 0; i < 7; i++) html = await (await page.goto(lessonPath))!.text();
    expect(html).not.toContain(nameA);
    expect(html).not.toContain(nameB);
    expect(html).not.toContain("Xin chào");
    await context.close();
  });
});
