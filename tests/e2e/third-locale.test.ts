import { expect, test } from "@playwright/test";
import { openMenu, readLesson } from "./fixtures";

// The second test server adds the test-only locale "qaa": one module title, one lesson and three
// UI strings translated (tests/fixtures/locale-qaa). Everything else must come in Vietnamese.
const base = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3111) + 1}`;

test("a partly translated locale falls back to Vietnamese, lesson by lesson and string by string", async ({ page }) => {
  await page.goto(`${base}/qaa`);
  await expect(page.locator("html")).toHaveAttribute("lang", "qaa");
  // A translated UI string, and one that falls back to Vietnamese.
  await openMenu(page);
  await expect(page.getByRole("link", { name: "[qaa] Courses", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Tiến độ của tôi" })).toBeVisible();
  await expect(page.getByRole("link", { name: "[qaa] Scams", exact: true })).toBeVisible();

  // The translated lesson, in qaa, with no notice.
  await page.goto(`${base}/qaa/modules/scam-avoidance/fake-police-calls`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("[qaa] Fake police calls");
  await expect(page.getByText("[qaa] This lesson is not translated yet")).toHaveCount(0);

  // An untranslated lesson: Vietnamese text, marked as such, with a notice in the learner's language.
  await page.goto(`${base}/qaa/modules/scam-avoidance/phishing-messages`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(readLesson("vi", "scam-avoidance", "phishing-messages").title);
  await expect(page.getByText("[qaa] This lesson is not translated yet: it is shown in Vietnamese.")).toBeVisible();
  await expect(page.locator("article.lesson")).toHaveAttribute("lang", "vi");

  // A whole untranslated module works too, and its quiz is graded like any other.
  await page.goto(`${base}/qaa/modules/cashless-payment`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Thanh toán không dùng tiền mặt/);

  // The language switch offers the test language by its own name.
  await page.goto(`${base}/vi`);
  await openMenu(page);
  await page.getByRole("link", { name: "Test (qaa)" }).click();
  await expect(page).toHaveURL(`${base}/qaa`);
});

test("the main server does not serve the test locale", async ({ page }) => {
  const response = await page.goto("/qaa");
  expect(response?.status()).toBe(404);
});
