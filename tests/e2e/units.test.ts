import { expect, test, type Page } from "@playwright/test";
import { adminCommand, form, importOtherProvince, newPhone, signUpAs, unique } from "./classes-helpers";
import { expectAccessible, expectPhoneFriendly } from "./fixtures";

/**
 * Issue 9, part A: a commune official sees learners appear in the right village as they sign up,
 * choosing their village without JavaScript (successive selects with "Tiếp"); an official of
 * another province sees nothing; targets refuse a share over 100% in the official's language.
 */

const COMMUNE = "MAU01";
const VILLAGE = "MAU01-T03"; // Ấp Bàu Sen, in the fictional sample province loaded on an empty database

async function villageCount(page: Page): Promise<number> {
  await page.goto(`/vi/report/units/${COMMUNE}`);
  const cell = page.locator(`tr[data-unit="${VILLAGE}"] td.num`);
  await expect(cell).toBeVisible();
  return Number((await cell.textContent())!.replace(/\D/g, ""));
}

test("a learner signs up choosing a village without JavaScript; the commune official sees the count go up", async ({ browser }) => {
  test.setTimeout(90_000);
  const official = await signUpAs(browser, "Cán Bộ Xã Tân Phú");
  await adminCommand(["grant-official", official.login, COMMUNE]);
  const before = await villageCount(official.page);
  await expect(official.page.getByRole("heading", { level: 1 })).toContainText("Xã Tân Phú");
  await expectAccessible(official.page);
  await expectPhoneFriendly(official.page);

  // The learner, on a phone without JavaScript: province (when there are several) → commune → village, "Tiếp" each time.
  const context = await newPhone(browser, false);
  const page = await context.newPage();
  await page.goto("/vi/signup");
  await expect(page.getByText("cán bộ chỉ thấy con số, không thấy tên bạn")).toBeVisible();
  if (await page.locator("#unit-province").count()) {
    await page.locator("#unit-province").selectOption({ label: "Tỉnh Mẫu" });
    await page.getByRole("button", { name: "Tiếp" }).click();
  }
  await page.locator("#unit-commune").selectOption({ label: "Xã Tân Phú" });
  await page.getByRole("button", { name: "Tiếp" }).click();
  await page.locator("#unit-village").selectOption({ label: "Ấp Bàu Sen" });
  await page.getByRole("button", { name: "Tiếp" }).click();
  await expect(page.getByText("Đã chọn: Ấp Bàu Sen, Xã Tân Phú, Tỉnh Mẫu")).toBeVisible();
  await page.locator("#displayName").fill("Bà Năm Bàu Sen");
  await page.locator("#login").fill(`b${unique()}`);
  await page.locator("#password").fill("mat-khau-dai-8");
  await page.locator("#audience").selectOption("other");
  await page.locator("#birthYear").fill("1958");
  await page.locator("form.form").getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page).toHaveURL("/vi/progress?notice=signedUp#notice");
  // Their own page shows the choice, and they can change it.
  await page.goto("/vi/profile");
  await expect(page.getByText("Đã chọn: Ấp Bàu Sen, Xã Tân Phú, Tỉnh Mẫu")).toBeVisible();
  await expect(page.locator("#birthYear")).toHaveValue("1958");

  // The official sees one more learner in that village, and never the learner's name.
  expect(await villageCount(official.page)).toBe(before + 1);
  await expect(official.page.getByText("Bà Năm Bàu Sen")).toHaveCount(0);

  // An official of another province gets 404s for this commune, its village and its targets.
  await importOtherProvince();
  const other = await signUpAs(browser, "Cán Bộ Tỉnh Khác");
  await adminCommand(["grant-official", other.login, "E2EP"]);
  for (const url of [
    `/vi/report/units/${COMMUNE}`,
    `/vi/report/units/${VILLAGE}`,
    `/vi/report/units/${COMMUNE}/targets`,
    "/vi/report/units/MAU",
  ]) {
    expect((await other.page.goto(url))!.status(), url).toBe(404);
  }
  expect((await other.page.goto("/vi/report/units/E2EP01"))!.status()).toBe(200);
  await context.close();
  await official.context.close();
  await other.context.close();
});

test("with JavaScript the picker filters names typed without diacritics", async ({ browser }) => {
  const context = await newPhone(browser, true);
  const page = await context.newPage();
  await page.goto(`/vi/signup?province=MAU&commune=${COMMUNE}`);
  const filter = page.locator("#unit-village-filter");
  await expect(filter).toBeVisible();
  await filter.fill("dong tien");
  await expect(page.locator("#unit-village option")).toHaveText(["— Không rõ thôn —", "Ấp Đồng Tiến"]);
  await page.locator("#unit-village").selectOption({ label: "Ấp Đồng Tiến" });
  await expect(page.getByText("Đã chọn: Ấp Đồng Tiến, Xã Tân Phú, Tỉnh Mẫu")).toBeVisible();
  await context.close();
});

test("targets: prefilled from the plan; over 100% and a zero denominator are refused, keeping what was typed; a denominator below the learners warns", async ({
  browser,
}) => {
  const official = await signUpAs(browser, "Cán Bộ Chỉ Tiêu");
  await adminCommand(["grant-official", official.login, COMMUNE]);
  // Two learners placed on the commune (village not known), signing up with a plain form post.
  for (const name of ["Anh Ba", "Chị Tư"]) {
    const learner = await browser.newContext();
    const signup = await learner.request.post(
      "/vi/signup",
      form({ displayName: name, login: `c${unique()}`, password: "mat-khau-dai-8", unitCode: COMMUNE }),
    );
    expect(signup.status()).toBe(302);
    await learner.close();
  }
  const { page } = official;
  await page.goto(`/vi/report/units/${COMMUNE}/targets?year=2025`);
  await expect(page.locator("#targetPercent-public-sector")).toHaveValue("80");
  await expect(page.locator("#targetPercent-student")).toHaveValue("100");
  await expect(page.locator("#targetPercent-adult")).toHaveValue("70");
  await expect(page.locator("#targetPercent-worker")).toHaveValue("80");
  await page.locator("#targetPercent-adult").fill("120");
  await page.locator("#denominator-worker").fill("0");
  await page.locator("#denominator-adult").fill("1.500");
  await page.getByRole("button", { name: "Lưu chỉ tiêu" }).click();
  await expect(page.locator("#targetPercent-adult-error")).toHaveText("Chỉ tiêu không được quá 100%.");
  await expect(page.locator("#denominator-worker-error")).toHaveText("Mẫu số không được bằng 0. Để trống nếu chưa biết.");
  // At the top of the form, a summary links to each field refused.
  await expect(page).toHaveURL(/\?year=2025#targets-form$/);
  const summary = page.locator("#targets-form > .error-summary");
  await expect(summary.getByRole("link")).toHaveCount(2);
  await expect(summary.getByRole("link", { name: "Người trưởng thành (mọi người học): Chỉ tiêu không được quá 100%." })).toHaveAttribute(
    "href",
    "#targetPercent-adult",
  );
  await expect(page.locator("#targetPercent-adult")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#targetPercent-adult")).toHaveAttribute("aria-describedby", "targetPercent-adult-error");
  await expect(page.locator("#targetPercent-adult")).toHaveValue("120");
  await expect(page.locator("#denominator-adult")).toHaveValue("1.500");
  // Nothing was saved: the plan's figure is still shown.
  await page.goto(`/vi/report/units/${COMMUNE}/targets?year=2025`);
  await expect(page.locator("#targetPercent-adult")).toHaveValue("70");
  await page.locator("#denominator-adult").fill("1");
  await page.locator("#targetPercent-adult").fill("72,5");
  await page.getByRole("button", { name: "Lưu chỉ tiêu" }).click();
  await expect(page.getByText("Đã lưu chỉ tiêu.")).toBeVisible();
  await expect(page.locator("#targetPercent-adult")).toHaveValue("72,5");
  await expect(page.getByRole("note")).toContainText("nhiều hơn mẫu số (1)");
  // A year out of range is said so, linked to the year field, which keeps what was typed.
  await page.goto(`/en/report/units/${COMMUNE}/targets?year=1800`);
  await expect(page.getByRole("alert").getByRole("link", { name: "The year must be between 2024 and 2035." })).toHaveAttribute(
    "href",
    "#year",
  );
  await expect(page.locator("#year")).toHaveValue("1800");
  await page.goto(`/en/report/units/${COMMUNE}/targets?year=2025`);
  await page.locator("#targetPercent-student").fill("-5");
  await page.getByRole("button", { name: "Save targets" }).click();
  await expect(page.locator("#targetPercent-student-error")).toHaveText("The target cannot be negative.");
  await official.context.close();
});
