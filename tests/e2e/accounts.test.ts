import { expect, test } from "@playwright/test";
import { answerQuiz, expectGreeting, openMenu, readLesson } from "./fixtures";

const moduleId = "cashless-payment";
const lessonId = "paying-with-vietqr";

for (const javaScriptEnabled of [true, false]) {
  test(`a guest's progress is kept after sign-up and after logging back in (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    const lesson = readLesson("vi", moduleId, lessonId);
    const login = `hoc-vien-${javaScriptEnabled ? "js" : "nojs"}-${Date.now()}`;

    // Reading creates nothing: no cookie until the learner does something worth keeping.
    await page.goto(`/vi/modules/${moduleId}/${lessonId}`);
    expect((await context.cookies()).map((c) => c.name)).not.toContain("__session");

    await answerQuiz(page, lesson.quiz.questions);
    await page.getByRole("button", { name: "Nộp bài" }).click();
    await expect(page.getByText("Chúc mừng! Bạn đã nắm được bài này.")).toBeVisible();
    await expect(page.getByText("Kết quả đang được lưu trên thiết bị này.")).toBeVisible();

    // Sign up with a short password first: a clear message, nothing lost.
    await page.getByRole("link", { name: "Tạo tài khoản" }).first().click();
    await expect(page.getByText("Mọi bài bạn đã làm trên thiết bị này sẽ được giữ lại")).toBeVisible();
    await page.getByLabel("Họ và tên").fill("Nguyễn Thị Lan");
    await page.getByLabel("Số điện thoại hoặc tên đăng nhập").fill(login);
    await page.getByLabel("Mật khẩu").fill("1234");
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    // The summary at the top links to the field; the field says it again beside the box.
    await expect(page.getByRole("link", { name: "Mật khẩu cần ít nhất 8 ký tự." })).toHaveAttribute("href", "#password");
    await expect(page.locator("#password-error")).toHaveText("Mật khẩu cần ít nhất 8 ký tự.");
    await expect(page.getByLabel("Họ và tên")).toHaveValue("Nguyễn Thị Lan");

    await page.getByLabel("Mật khẩu").fill("mat-khau-cua-lan");
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page).toHaveURL(/\/vi\/progress\?notice=/);
    await expectGreeting(page, "Nguyễn Thị Lan");
    await expect(page.locator("li", { hasText: lesson.title }).locator(".badge")).toHaveText("Đã nắm được");

    // Log out, then log in on a fresh device: the progress is in the account.
    await openMenu(page);
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/vi\?notice=loggedOut/);
    await context.close();

    const device = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 640 } });
    const phone = await device.newPage();
    await phone.goto("/vi/login");
    await phone.getByLabel("Số điện thoại hoặc tên đăng nhập").fill(login.toUpperCase());
    await phone.getByLabel("Mật khẩu").fill("wrong-password");
    await phone.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(phone.getByRole("alert")).toContainText("Sai tên đăng nhập hoặc mật khẩu. Hãy thử lại.");
    await phone.getByLabel("Mật khẩu").fill("mat-khau-cua-lan");
    await phone.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(phone).toHaveURL(/\/vi\/progress\?notice=/);
    await expect(phone.locator("li", { hasText: lesson.title }).locator(".badge")).toHaveText("Đã nắm được");
    await device.close();
  });
}

test("login is slowed after repeated failures", async ({ page }) => {
  const login = `khong-ton-tai-${Date.now()}`;
  for (let i = 0; i < 5; i++) {
    const response = await page.request.post("/en/login", { form: { login, password: "wrong-password" } });
    expect(response.status()).toBe(400);
  }
  await page.goto("/en/login");
  await page.getByLabel("Phone number or username").fill(login);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText("Too many wrong tries. Wait 15 minutes");
});
