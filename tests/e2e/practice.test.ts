import { expect, test } from "@playwright/test";
import { answerTask, moduleIds, readModuleTitle, readPractices } from "./fixtures";

// Every module has at least one practice; each is completed once with JavaScript on and once off.
for (const moduleId of moduleIds()) {
  for (const javaScriptEnabled of [true, false]) {
    test(`practice in ${moduleId} (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
      const practices = readPractices("vi", moduleId);
      expect(practices.length, `${moduleId} has no practice`).toBeGreaterThan(0);
      const practice = practices[0]!;
      const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 640 } });
      const page = await context.newPage();

      await page.goto(`/vi/modules/${moduleId}`);
      await page.locator(`a[href$="/practice/${practice.id}"]`).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(practice.title);

      // Check the first task with a wrong answer: feedback names the right one, nothing is recorded.
      const [first, ...rest] = practice.tasks;
      await answerTask(page, first!, { wrong: first!.type === "choice" });
      const firstTask = page.locator("fieldset.task").first();
      await firstTask.getByRole("button", { name: "Kiểm tra câu này" }).click();
      await expect(firstTask.locator(".feedback")).toContainText(first!.type === "choice" ? "Chưa đúng." : "Đúng rồi!");
      if (first!.type === "choice") {
        await expect(firstTask.locator(".feedback")).toContainText(first!.options!.find((o) => o.correct)!.text);
        await answerTask(page, first!);
      }

      for (const task of rest) await answerTask(page, task);
      await page.getByRole("button", { name: "Hoàn thành và lưu kết quả" }).click();
      await expect(page).toHaveURL(/\/practice\/.+\/attempts\//);
      await expect(page.getByText("Tốt lắm! Bạn đã hoàn thành phần thực hành này.")).toBeVisible();
      await expect(page.getByText(`${practice.tasks.length}/${practice.tasks.length}`)).toBeVisible();

      // The module counts it.
      await page.getByRole("link", { name: `Về chủ đề: ${readModuleTitle("vi", moduleId)}` }).click();
      const row = page.locator("li", { has: page.locator(`a[href$="/practice/${practice.id}"]`) });
      await expect(row.locator(".badge")).toHaveText("Đã hoàn thành");
      await context.close();
    });
  }
}

test("an unfinished practice names what is left and keeps the choices (JavaScript off)", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const practice = readPractices("en", "scam-avoidance")[0]!;
  await page.goto(`/en/modules/scam-avoidance/practice/${practice.id}`);
  await answerTask(page, practice.tasks[0]!);
  await page.getByRole("button", { name: "Finish and save my result" }).click();
  await expect(page.getByRole("alert")).toContainText(`${practice.tasks.length - 1} tasks are not finished`);
  const right = practice.tasks[0]!.options!.find((o) => o.correct)!;
  await expect(page.locator(`#t-${practice.tasks[0]!.id}-${right.id}`)).toBeChecked();
  expect((await context.cookies()).map((c) => c.name)).not.toContain("__session");
  await context.close();
});
