import { expect, test, type Page } from "@playwright/test";
import { createPinLearners, form, newPhone, pinLogin, signUpAs, signUpWithRole, unique } from "./classes-helpers";
import { answerQuiz, expectAccessible, lessonIds, moduleIds, readLesson } from "./fixtures";

/** Issue 18: the Tuesday class in the commune hall. */

const moduleId = "smart-devices";
const lessonId = "camera-and-qr";

/** A class made with the form's post (the page's own flow is covered in classes.test.ts). */
async function createClass(page: Page, name: string) {
  const response = await page.context().request.post("/vi/teach?index", form({ name }));
  expect(response.status()).toBe(302);
  return { id: /\/teach\/classes\/([0-9a-f-]{36})/.exec(response.headers().location ?? "")![1]! };
}

/** What a person in the hall would notice about the part on screen, measured in the page. */
async function measurePart(page: Page) {
  return page.evaluate(() => {
    const slide = document.querySelector<HTMLElement>(".cls-present-slide")!;
    const nav = document.querySelector<HTMLElement>(".cls-present-nav")!;
    const header = document.querySelector<HTMLElement>(".site-header");
    let smallest = Infinity;
    let smallestText = "";
    let lowestText = 0;
    const walker = document.createTreeWalker(document.querySelector(".cls-present")!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const el = node.parentElement!;
      if (el.closest(".visually-hidden") || el.closest("noscript")) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < smallest) {
        smallest = size;
        smallestText = node.textContent.trim().slice(0, 40);
      }
      if (!el.closest(".cls-present-nav")) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) lowestText = Math.max(lowestText, rect.bottom);
      }
    }
    const navTop = nav.getBoundingClientRect().top;
    return {
      smallest,
      smallestText,
      lowestText,
      navTop,
      navBottom: nav.getBoundingClientRect().bottom,
      overflow: slide.scrollHeight - slide.clientHeight,
      wide: document.documentElement.scrollWidth > window.innerWidth,
      headerShown: !!header && header.getBoundingClientRect().height > 0 && getComputedStyle(header).display !== "none",
      slideWidth: slide.getBoundingClientRect().width,
      bodySize: parseFloat(getComputedStyle(slide).fontSize),
      heading: parseFloat(getComputedStyle(slide.querySelector("h2") ?? slide).fontSize),
    };
  });
}

test("every part of every lesson fits a 1920×1080 projector: nothing under the controls, nothing under 40 px", async ({ browser }) => {
  // Hundreds of pages: ~2 min on a quiet machine, over 5 min on a loaded one (a CI rehearsal at load 17–20).
  test.setTimeout(600_000);
  const facilitator = await signUpWithRole(browser, "Chị Hà Thị Hội Trường", "instructor");
  const klass = await createClass(facilitator.page, "Lớp thứ Ba nhà văn hóa");
  const request = facilitator.context.request;
  const base = `/vi/teach/classes/${klass.id}/session`;
  expect((await request.post(base, form({ intent: "start" }))).status()).toBe(302);
  expect((await request.post(base, form({ intent: "show", lesson: `${moduleId}/${lessonId}` }))).status()).toBe(302);
  // The projector: a laptop's browser at 1920×1080, JavaScript off (the same layout; faster to walk).
  const projector = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1920, height: 1080 },
    deviceScaleFactor: 1,
    isMobile: false,
    hasTouch: false,
    storageState: await facilitator.context.storageState(),
  });
  const page = await projector.newPage();
  const problems: string[] = [];
  let parts = 0;
  let widest = Infinity;
  for (const m of moduleIds("vi")) {
    for (const l of lessonIds("vi", m)) {
      await page.goto(`${base}/present?${new URLSearchParams({ lesson: `${m}/${l}` })}`);
      const total = Number(/\/(\d+)/.exec((await page.locator("h1").textContent()) ?? "")?.[1]);
      expect(total, `${m}/${l} step count`).toBeGreaterThan(1);
      for (let step = 1; step <= total; step++) {
        if (step > 1) await page.goto(`${base}/present?${new URLSearchParams({ lesson: `${m}/${l}`, step: String(step) })}`);
        const part = await measurePart(page);
        parts++;
        widest = Math.min(widest, part.slideWidth);
        const where = `${m}/${l} part ${step}/${total}`;
        if (part.smallest < 40) problems.push(`${where}: text of ${part.smallest}px ("${part.smallestText}")`);
        if (part.lowestText > part.navTop + 1)
          problems.push(`${where}: text at ${Math.round(part.lowestText)}px runs under the controls (${Math.round(part.navTop)}px)`);
        if (part.overflow > 1) problems.push(`${where}: ${part.overflow}px cut off`);
        if (part.navBottom > 1080 + 1) problems.push(`${where}: the controls end at ${part.navBottom}px, below the screen`);
        if (part.wide) problems.push(`${where}: scrolls sideways`);
        if (part.headerShown) problems.push(`${where}: the site's header is on screen`);
        if (part.heading <= part.bodySize && step <= total - 1 && part.heading !== part.bodySize)
          problems.push(`${where}: heading ${part.heading}px not larger than text ${part.bodySize}px`);
      }
    }
  }
  console.log(`presentation: ${parts} parts measured; text column at least ${Math.round(widest)}px wide`);
  expect(problems).toEqual([]);
  expect(widest).toBeGreaterThan(1600);
  await projector.close();
  await facilitator.context.close();
});

for (const javaScriptEnabled of [true, false]) {
  test(`a quiz passed as a guest before the PIN log-in is his, with one tap (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const facilitator = await signUpWithRole(browser, "Anh Lê Văn Hội", "instructor");
    const klass = await createClass(facilitator.page, `Lớp hội trường ${unique()}`);
    const [ong] = await createPinLearners(facilitator.page, klass.id, [{ name: "Ông Đinh Văn Quét" }]);
    const base = `/vi/teach/classes/${klass.id}/session`;
    await facilitator.page.goto(base);
    await facilitator.page.getByRole("button", { name: "Bắt đầu buổi học hôm nay" }).click();
    await facilitator.page.getByLabel("Chọn bài").selectOption(`${moduleId}/${lessonId}`);
    await facilitator.page.getByRole("button", { name: "Chọn bài này" }).click();
    const qrLink = (await facilitator.page.locator("#live ~ .cls-lesson-qr a.cls-url").getAttribute("href"))!;
    expect(qrLink).toMatch(/\?from=class$/);

    // He scans the projector's QR before logging in: the lesson offers the card first…
    const phone = await newPhone(browser, javaScriptEnabled);
    const page = await phone.newPage();
    await page.goto(new URL(qrLink).pathname + new URL(qrLink).search);
    const loginFirst = page.getByRole("link", { name: "Có thẻ đăng nhập? Đăng nhập trước" });
    await expect(loginFirst).toBeVisible();
    expect(await loginFirst.getAttribute("href")).toBe(
      `/vi/login/pin?${new URLSearchParams({ redirectTo: `/vi/modules/${moduleId}/${lessonId}` })}`,
    );
    // …but he answers as a guest, 4/4.
    await answerQuiz(page, readLesson("vi", moduleId, lessonId).quiz.questions);
    await page.getByRole("button", { name: "Nộp bài" }).click();
    await expect(page).toHaveURL(/\/attempts\//);

    // Then he logs in with his card: asked whether that work was his, with what it was.
    await pinLogin(page, ong!.username, ong!.pin);
    await expect(page).toHaveURL(/\/vi\/login\/pin\/claim/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bài vừa làm trên máy này có phải của bác không?");
    const work = page.getByRole("list", { name: "Bài vừa làm trên máy này" });
    await expect(work).toContainText(readLesson("vi", moduleId, lessonId).title);
    const count = readLesson("vi", moduleId, lessonId).quiz.questions.length;
    await expect(work).toContainText(`Đạt: ${count}/${count} câu đúng`);
    if (javaScriptEnabled) await expectAccessible(page);
    await page.getByRole("button", { name: "Đúng, của tôi" }).click();
    await expect(page.getByRole("status")).toContainText("đã được chuyển vào tài khoản");

    // The facilitator's session page now shows him as having mastered it.
    await facilitator.page.goto(base);
    await expect(facilitator.page.locator("#live ~ ul li", { hasText: "Ông Đinh Văn Quét" })).toContainText("Đã nắm được");

    // The offer is gone: logging in again on this phone goes straight on.
    await page.goto("/vi/switch");
    await pinLogin(page, ong!.username, ong!.pin);
    await expect(page).toHaveURL("/vi");
    await phone.close();
    await facilitator.context.close();
  });
}

test("someone else's guest work is left alone when the learner says it is not theirs", async ({ browser }) => {
  const facilitator = await signUpWithRole(browser, "Chị Trần Thị Máy Chung", "instructor");
  const klass = await createClass(facilitator.page, `Lớp máy chung ${unique()}`);
  const [ba] = await createPinLearners(facilitator.page, klass.id, [{ name: "Bà Ngô Thị Khác" }]);
  const phone = await newPhone(browser, false);
  const page = await phone.newPage();
  await page.goto(`/vi/modules/${moduleId}/${lessonId}`);
  await answerQuiz(page, readLesson("vi", moduleId, lessonId).quiz.questions);
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await pinLogin(page, ba!.username, ba!.pin);
  await page.getByRole("button", { name: "Không phải của tôi" }).click();
  await expect(page).toHaveURL(/\/vi\?notice=loggedIn/);
  const facilitatorView = facilitator.page;
  await facilitatorView.goto(`/vi/teach/classes/${klass.id}/progress?module=${moduleId}`);
  await expect(facilitatorView.locator("tr", { hasText: "Bà Ngô Thị Khác" })).not.toContainText("Đã nắm được");
  await phone.close();
  await facilitator.context.close();
});

test("a declined invitation is recorded, shown to the mentor as declined, and cannot be accepted later", async ({ browser }) => {
  const mentor = await signUpWithRole(browser, "Đại sứ Võ Văn Mời", "mentor");
  await mentor.page.goto("/vi/follow");
  await mentor.page.getByLabel("Lời mời này dành cho ai?").fill("Bác Lan, tổ 3");
  await mentor.page.getByRole("button", { name: "Tạo lời mời" }).click();
  const box = mentor.page.locator(".cls-box", { hasText: "Bác Lan, tổ 3" });
  await expect(box).toContainText("chờ trả lời");
  await expect(box.getByRole("img", { name: /Mã QR của lời mời/ })).toBeVisible();
  await expect(box.getByRole("button", { name: "Chia sẻ" })).toBeVisible();
  // The code stays on one line on a 360 px phone.
  const code = box.locator("[data-invite-code]");
  const lineHeight = await code.evaluate(
    (el) => parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.6,
  );
  expect((await code.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
  const invite = (await code.textContent())!.replace(/\s/g, "");

  // Someone without an account says no, without JavaScript: it is recorded and they are told so.
  const stranger = await newPhone(browser, false);
  const page = await stranger.newPage();
  await page.goto(`/vi/invite/${invite}`);
  await expect(page.getByText("Kết quả bài thực hành")).toBeVisible();
  await page.getByRole("button", { name: "Không đồng ý" }).click();
  await expect(page.getByRole("status")).toContainText("Câu trả lời đã được ghi lại");

  // The mentor sees it as declined, no longer pending.
  await mentor.page.goto("/vi/follow");
  await expect(mentor.page.locator("[data-declined]", { hasText: "Bác Lan, tổ 3" })).toContainText("đã từ chối");
  await expect(mentor.page.locator(".cls-box", { hasText: "Bác Lan, tổ 3" })).toHaveCount(0);
  await expect(mentor.page.locator(".cls-target")).toContainText("Cần thêm 5 người nữa");

  // Someone else with the same link later: the invitation is over.
  const other = await signUpAs(browser, "Người Khác Nhận Hộ");
  const response = await other.page.goto(`/vi/invite/${invite}`);
  expect(response!.status()).toBe(404);
  await expect(other.page.getByText("Lời mời này không còn dùng được")).toBeVisible();
  const accept = await other.context.request.post(`/vi/invite/${invite}`, form({ answer: "agree" }));
  expect(accept.status()).toBe(404);
  await mentor.page.goto("/vi/follow");
  await expect(mentor.page.getByRole("heading", { name: "Đang theo dõi (0)" })).toBeVisible();
  await stranger.close();
  await other.context.close();
  await mentor.context.close();
});

test("a session ends with what was taught; the history, the learner's page and the dashboard show who came", async ({ browser }) => {
  const facilitator = await signUpWithRole(browser, "Chị Phạm Thị Điểm Danh", "instructor");
  const page = facilitator.page;
  const klass = await createClass(page, `Lớp điểm danh ${unique()}`);
  const people = await createPinLearners(page, klass.id, [{ name: "Ông Có Mặt" }, { name: "Bà Vắng Mặt" }]);
  const base = `/vi/teach/classes/${klass.id}`;
  await page.goto(`${base}/session`);
  await page.getByRole("button", { name: "Bắt đầu buổi học hôm nay" }).click();
  await page.getByLabel("Ông Có Mặt").check();
  await page.getByRole("button", { name: "Lưu điểm danh" }).click();
  await page.getByLabel("Chọn bài").selectOption(`${moduleId}/${lessonId}`);
  await page.getByRole("button", { name: "Chọn bài này" }).click();
  // Progress counts those present, and says so.
  await expect(page.getByRole("heading", { name: "Đã nắm được bài: 0/1 người có mặt" })).toBeVisible();

  const tooLong = "x".repeat(400);
  await page.getByLabel("Hôm nay đã dạy gì?").fill(tooLong);
  await page.getByRole("button", { name: "Kết thúc buổi học" }).click();
  await expect(page.getByRole("alert")).toContainText("Ô này dài quá");
  await expect(page.getByLabel("Hôm nay đã dạy gì?")).toHaveValue(tooLong);
  await page.getByLabel("Hôm nay đã dạy gì?").fill("Quét mã QR, thực hành trên máy từng người");
  await page.getByRole("button", { name: "Kết thúc buổi học" }).click();
  await expect(page.getByRole("status")).toContainText("Đã kết thúc buổi học");
  const record = page.locator("[data-session-day]").first();
  await expect(record).toContainText(`Bài: ${readLesson("vi", moduleId, lessonId).title}`);
  await expect(record).toContainText("Đã dạy: Quét mã QR, thực hành trên máy từng người");
  await expect(record).toContainText("Có mặt 1/2 người: Ông Có Mặt");
  await expect(page.getByRole("button", { name: "Mở lại buổi học" })).toBeVisible();

  await page.goto(`${base}/progress?module=${moduleId}`);
  await expect(page.locator("tr", { hasText: "Ông Có Mặt" }).locator("[data-attendance]")).toHaveText("1/1 buổi");
  await expect(page.locator("tr", { hasText: "Bà Vắng Mặt" }).locator("[data-attendance]")).toHaveText("0/1 buổi");
  await page.locator("tr", { hasText: "Bà Vắng Mặt" }).getByRole("link", { name: "Bà Vắng Mặt" }).click();
  await expect(page.getByRole("heading", { name: "Đi học: 0/1 buổi" })).toBeVisible();
  await expect(page.locator("#attendance-heading ~ ul li").first()).toContainText("Vắng");
  expect(people).toHaveLength(2);
  await facilitator.context.close();
});
