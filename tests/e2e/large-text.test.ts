import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import {
  adminCommand,
  createClass,
  createPinLearners,
  form,
  pinLogin,
  postQuiz,
  signUpAs,
  signUpWithRole,
  unique,
} from "./classes-helpers";
import { answerQuiz, layoutProblems, lessonIds, moduleIds, readLesson, readPractices } from "./fixtures";

// Issue 11: an elderly learner at the largest text size on a 360 px phone. Text size is set the way
// the site keeps it, in localStorage (`bdhvs-display`), before any page loads.
const SIZES = ["100", "125", "150", "200"] as const;
const moduleId = "smart-devices";
const lessonId = lessonIds("vi", moduleId)[0]!;

/** Every learner page a visitor can reach without an account, in both languages. */
function learnerPages(locale: string): string[] {
  const pages = [`/${locale}`, `/${locale}/display`, `/${locale}/progress`, `/${locale}/certificates`, `/${locale}/classes`];
  pages.push(`/${locale}/login`, `/${locale}/signup`, `/${locale}/login/pin`, `/${locale}/join`);
  pages.push(`/${locale}/forgot-password`, `/${locale}/privacy`, `/${locale}/verify`);
  for (const m of moduleIds(locale)) {
    pages.push(`/${locale}/modules/${m}`);
    for (const id of lessonIds(locale, m)) pages.push(`/${locale}/modules/${m}/${id}`);
    for (const p of readPractices(locale, m)) pages.push(`/${locale}/modules/${m}/practice/${p.id}`);
  }
  return pages;
}

/** Every UI string's key path ("form.errors.passwordTooShort", "access:readAloud.stop"): shown as text, a string is missing from the page. */
const keyPaths = (() => {
  const dir = path.join("app", "i18n", "locales", "vi");
  const paths = new Set<string>();
  const walk = (ns: string, tree: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(tree)) {
      const at = prefix ? `${prefix}.${key}` : key;
      if (value && typeof value === "object") walk(ns, value as Record<string, unknown>, at);
      else if (at.includes(".")) paths.add(at.replace(/_(one|other|zero)$/, "")).add(`${ns}:${at}`);
    }
  };
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json")))
    walk(file.replace(/\.json$/, ""), JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")), "");
  return [...paths];
})();

async function keysShown(page: Page): Promise<string[]> {
  const words = new Set((await page.locator("body").innerText()).split(/\s+/).map((w) => w.replace(/[.,:;!?)]+$/, "")));
  return keyPaths.filter((key) => words.has(key)).map((key) => `a string is missing, its key is shown: ${key}`);
}

async function atSize(page: Page, size: string) {
  await page.addInitScript((s) => localStorage.setItem("bdhvs-display", `${s}.standard`), size);
}

test.describe("at every text size on a 360 px phone", () => {
  for (const size of SIZES) {
    test(`${size}%: no word split across lines and nothing wider than the screen, on every learner page`, async ({ page }) => {
      test.setTimeout(300_000);
      await atSize(page, size);
      const problems: string[] = [];
      for (const url of [...learnerPages("vi"), ...learnerPages("en")]) {
        await page.goto(url);
        problems.push(...(await layoutProblems(page)).map((p) => `${url}: ${p}`));
        if (size === "100") problems.push(...(await keysShown(page)).map((p) => `${url}: ${p}`));
      }
      expect(problems).toEqual([]);
    });
  }

  test("a signed-in learner's own pages at 150% and 200%: data, consent, recovery codes, place, progress", async ({ browser }) => {
    test.setTimeout(180_000);
    const { context, page } = await signUpAs(browser, "Bà Nguyễn Thị Hoa");
    const problems: string[] = [];
    for (const size of ["150", "200"]) {
      await page.evaluate((s) => localStorage.setItem("bdhvs-display", `${s}.standard`), size);
      for (const url of [
        "/vi/progress",
        "/vi/my-data",
        "/vi/my-data/delete",
        "/vi/recovery-codes",
        "/vi/profile",
        "/en/my-data",
        "/vi/sharing",
      ]) {
        await page.goto(url);
        problems.push(...(await layoutProblems(page)).map((p) => `${size}% ${url}: ${p}`));
      }
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  test("a teacher's pages at 200%: the class, the overview and one topic's grid, a learner, a missed quiz, PINs, the role request and its answer", async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    const teacher = await signUpAs(browser, "Cô Nguyễn Thị Phương Thảo");
    await adminCommand(["grant", teacher.login, "instructor"]);
    await adminCommand(["grant", teacher.login, "admin"]);
    const { page } = teacher;
    const klass = await createClass(page, "Lớp kỹ năng số buổi tối thôn Đông");
    const [learner] = await createPinLearners(page, klass.id, [{ name: "Bà Trương Thị Ngọc Diễm" }]);
    expect((await page.request.post(`/vi/teach/classes/${klass.id}`, form({ intent: "assign", moduleId, dueDate: "" }))).status()).toBe(
      302,
    );
    const device = await playwrightRequest.newContext({ baseURL });
    expect((await device.post("/vi/login/pin", form({ login: learner!.username, pin: learner!.pin }))).status()).toBe(302);
    await postQuiz(device, moduleId, lessonId, { wrong: 3 });
    const asker = await signUpAs(browser, "Thầy Đỗ Quang Huy");
    expect((await asker.page.request.post("/vi/teach/request", form({ note: "Trung tâm giáo dục thường xuyên huyện" }))).status()).toBe(
      302,
    );
    const base = `/vi/teach/classes/${klass.id}`;
    await page.goto(`${base}/progress?q=diem`);
    await page.locator("tbody th a").click();
    const learnerPage = new URL(page.url()).pathname;
    await page.getByRole("link", { name: /^Xem câu sai/ }).click();
    const attemptPage = new URL(page.url()).pathname;
    const problems: string[] = [];
    await page.evaluate(() => localStorage.setItem("bdhvs-display", "200.standard"));
    for (const url of [
      "/vi/teach",
      base,
      `${base}/progress`,
      `${base}/progress?module=${moduleId}`,
      `${base}/pins`,
      learnerPage,
      attemptPage,
      "/vi/teach/request",
      "/vi/admin/roles",
      "/en/teach/request",
    ]) {
      await page.goto(url);
      problems.push(...(await layoutProblems(page)).map((p) => `200% ${url}: ${p}`));
    }
    await asker.page.evaluate(() => localStorage.setItem("bdhvs-display", "200.standard"));
    await asker.page.goto("/vi/teach/request");
    problems.push(...(await layoutProblems(asker.page)).map((p) => `200% request sent: ${p}`));
    expect(problems).toEqual([]);
    await device.dispose();
    await asker.context.close();
    await teacher.context.close();
  });

  test("result pages and a practice's feedback at 200%: no word split, nothing wider than the screen", async ({ page }) => {
    test.setTimeout(120_000);
    await atSize(page, "200");
    const lesson = readLesson("vi", moduleId, lessonId);
    await page.goto(`/vi/modules/${moduleId}/${lessonId}`);
    await answerQuiz(page, lesson.quiz.questions, { wrong: 2 });
    await page.getByRole("button", { name: "Nộp bài" }).click();
    await expect(page).toHaveURL(/attempts\//);
    const problems = (await layoutProblems(page)).map((p) => `quiz result: ${p}`);
    const practice = readPractices("vi", "cashless-payment")[0]!;
    await page.goto(`/vi/modules/cashless-payment/practice/${practice.id}`);
    await page.getByRole("button", { name: "Hoàn thành" }).click();
    await expect(page.locator(".error-summary")).toBeVisible();
    problems.push(...(await layoutProblems(page)).map((p) => `practice errors: ${p}`));
    expect(problems).toEqual([]);
  });
});

test("contest pages, the guest-work offer after a PIN log-in and a class's session history at 150% and 200%", async ({ browser }) => {
  test.setTimeout(240_000);
  const problems: string[] = [];
  /** The page as it is now, at each large size (kept in localStorage, so a reload shows it). */
  const sweep = async (page: Page, label: string) => {
    for (const size of ["150", "200"]) {
      await page.evaluate((s) => localStorage.setItem("bdhvs-display", `${s}.standard`), size);
      await page.reload();
      problems.push(...(await layoutProblems(page)).map((p) => `${size}% ${label} (${new URL(page.url()).pathname}): ${p}`));
    }
  };
  const tag = unique();
  const phone = { viewport: { width: 360, height: 640 }, locale: "vi-VN" };

  // A commune's contest, open for 25 s, with questions written for it.
  const { context: officialContext, page: official, login } = await signUpAs(browser, "Cán Bộ Cỡ Chữ");
  await adminCommand(["grant-official", login, "MAU01"]);
  const vietnamLocal = (seconds: number) => new Date(Date.now() + seconds * 1000 + 7 * 3_600_000).toISOString().slice(0, 19);
  const question = (lang: string, n: number) =>
    `    - id: c${n}\n      kind: single\n      prompt: "${lang === "vi" ? "Khi có người gọi điện xưng là công an và đòi mã OTP, bác nên làm gì" : "Someone calling as the police asks for your OTP code: what do you do"} ${n}?"\n      options:\n` +
    ["a", "b", "c"]
      .map(
        (o) =>
          `        - id: ${o}\n          text: "${lang === "vi" ? "Tắt máy và gọi lại cho công an phường theo số chính thức" : "Hang up and call the ward police on the official number"} ${o}"\n` +
          (o === "b" ? "          correct: true\n" : "") +
          `          explanation: "${lang === "vi" ? "Công an không bao giờ hỏi mã OTP qua điện thoại." : "The police never ask for an OTP code by phone."}"`,
      )
      .join("\n");
  const yaml = ["vi", "en"].map((lang) => `${lang}:\n  questions:\n${[1, 2, 3, 4].map((n) => question(lang, n)).join("\n")}`).join("\n");
  const created = await officialContext.request.post(
    "/vi/report/MAU01/contests",
    form({
      title: `Hội thi kỹ năng số toàn dân phòng chống lừa đảo trực tuyến ${tag}`,
      rules: "Mỗi người một lượt, làm trong 20 phút. Bằng điểm thì ai nhanh hơn đứng trước.",
      opensAt: vietnamLocal(-60),
      closesAt: vietnamLocal(25),
      minutes: "20",
      attemptsAllowed: "1",
      questionCount: "3",
      ownQuestions: yaml,
    }),
  );
  expect(created.status()).toBe(302);
  const closesAt = Date.now() + 25_000;
  const organiserPath = new URL(created.headers().location!, "http://x").pathname;
  const contestPath = `/vi/contests/${organiserPath.split("/").at(-1)}`;

  // A visitor: the rules and start form, the questions, the result before and after closing.
  const visitorContext = await browser.newContext(phone);
  const visitor = await visitorContext.newPage();
  await visitor.goto(contestPath);
  await sweep(visitor, "contest rules and start");
  await visitor.getByLabel("Họ và tên").fill("Nguyễn Thị Cỡ Chữ");
  await visitor.getByLabel("Bạn ở đâu?").selectOption({ label: "Thôn Tân Lập" });
  await visitor.getByRole("button", { name: "Bắt đầu" }).click();
  await expect(visitor.locator("fieldset.question")).toHaveCount(3);
  await sweep(visitor, "contest questions");
  await visitor.locator("fieldset.question").first().locator('input[value="b"]').check();
  await visitor.getByRole("button", { name: "Nộp bài" }).click();
  await expect(visitor).toHaveURL(/\/result#score$/);
  await sweep(visitor, "contest result, waiting");

  // The organiser's list, results and projector view.
  await official.goto(organiserPath.replace(/\/[^/]+$/, ""));
  await sweep(official, "organiser's contests");
  await official.goto(organiserPath);
  await sweep(official, "organiser's leaderboards");
  await official.goto(`${organiserPath}/live`);
  await sweep(official, "projector view");

  // A class: a session taught and ended (the history), and a PIN learner offered the guest's work.
  const teacher = await signUpWithRole(browser, "Cô Giáo Cỡ Chữ", "instructor");
  const klass = await createClass(teacher.page, `Lớp học buổi tối thôn Tân Lập ${tag}`);
  const [member] = await createPinLearners(teacher.page, klass.id, [{ name: "Bà Trần Thị Chữ To" }]);
  const session = `/vi/teach/classes/${klass.id}/session`;
  expect((await teacher.context.request.post(session, form({ intent: "start" }))).status()).toBe(302);
  expect(
    (
      await teacher.context.request.post(
        session,
        form({ intent: "end", taught: "Nhận biết cuộc gọi giả danh công an, không đọc mã OTP cho ai." }),
      )
    ).status(),
  ).toBe(302);
  await teacher.page.goto(`${session}?ended=1#history`);
  await expect(teacher.page.locator("#history")).toBeVisible();
  await sweep(teacher.page, "session history");

  const sharedContext = await browser.newContext(phone);
  await postQuiz(sharedContext.request, moduleId, lessonId);
  const shared = await sharedContext.newPage();
  await pinLogin(shared, member!.username, member!.pin);
  await expect(shared).toHaveURL(/\/vi\/login\/pin\/claim/);
  await sweep(shared, "guest-work offer");

  // After closing: the visitor's explanations.
  await visitor.waitForTimeout(Math.max(0, closesAt - Date.now() + 1_000));
  await visitor.goto(`${contestPath}/result`);
  await expect(visitor.getByTestId("score")).toBeVisible();
  await sweep(visitor, "contest result with explanations");

  expect(problems).toEqual([]);
  await Promise.all([officialContext, visitorContext, teacher.context, sharedContext].map((c) => c.close()));
});

test.describe("a compact header", () => {
  for (const [size, budget] of [
    ["100", 120],
    ["200", 200],
  ] as const) {
    test(`at ${size}% it takes at most ${budget} px of a 360×640 screen, and the lesson title is on the first screen`, async ({ page }) => {
      await atSize(page, size);
      for (const url of ["/vi", `/vi/modules/${moduleId}/${lessonId}`, "/en"]) {
        await page.goto(url);
        const height = await page.locator(".site-header").evaluate((el) => el.getBoundingClientRect().height);
        expect(height, `${url}: header height`).toBeLessThanOrEqual(budget);
        const titleTop = await page.locator("h1").evaluate((el) => el.getBoundingClientRect().top);
        expect(titleTop, `${url}: the page's title starts on the first screen`).toBeLessThan(640);
      }
    });
  }

  test("the menu opens without JavaScript, the language switch is not the first link, the skip link is hidden until focused", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.goto("/vi");
    const skip = page.getByRole("link", { name: "Bỏ qua, đến nội dung chính" });
    // Hidden: nothing of it on the screen (no white strip) until it has the focus.
    expect(await skip.evaluate((el) => el.getBoundingClientRect().height <= 1)).toBe(true);
    await page.keyboard.press("Tab");
    await expect(skip).toBeFocused();
    expect(await skip.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThanOrEqual(44);
    // The links of the header in the order a keyboard meets them: the site, the menu, then the rest.
    const order = await page
      .locator(".site-header a, .site-header summary")
      .evaluateAll((els) => els.filter((el) => !el.classList.contains("skip-link")).map((el) => el.textContent?.trim() ?? ""));
    expect(order[0]).toContain("Bình dân học vụ số");
    expect(order.indexOf("English")).toBeGreaterThan(1);
    await expect(page.getByRole("link", { name: "Tiến độ của tôi" })).toBeHidden();
    await page.locator(".site-header summary").click();
    await expect(page.getByRole("link", { name: "Tiến độ của tôi" })).toBeVisible();
    await page.getByRole("link", { name: "Tiến độ của tôi" }).click();
    await expect(page).toHaveURL("/vi/progress");
    await context.close();
  });
});

test.describe("small things at large sizes", () => {
  test("the administrators' role page at 200% keeps a long login name on the screen", async ({ browser }) => {
    test.setTimeout(120_000);
    const admin = await signUpAs(browser, "Quản trị viên Lê Minh");
    await adminCommand(["grant", admin.login, "admin"]);
    // A full test run lists ~30 instructors; one login of 31 letters widened every card to 784 px.
    for (const login of ["nguyenthiphuongthaoxatanphu2026", `u${unique()}`]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto("/vi/signup");
      await page.locator("#displayName").fill("Người được cấp quyền");
      await page.locator("#login").fill(login);
      await page.locator("#password").fill("mat-khau-dai-8");
      await page.locator("form.form").getByRole("button", { name: "Tạo tài khoản" }).click();
      await expect(page).toHaveURL(/\/vi\/progress/);
      await context.close();
      await adminCommand(["grant", login, "instructor"]);
    }
    await admin.page.evaluate(() => localStorage.setItem("bdhvs-display", "200.standard"));
    await admin.page.goto("/vi/admin/roles");
    await expect(admin.page.getByText("nguyenthiphuongthaoxatanphu2026")).toBeVisible();
    expect(await layoutProblems(admin.page)).toEqual([]);
    await admin.context.close();
  });

  test("at 100% no text is under 18 px on the course pages; at 200% no icon is smaller than the text around it", async ({ page }) => {
    test.setTimeout(120_000);
    const urls = ["/vi", `/vi/modules/${moduleId}`, `/vi/modules/${moduleId}/${lessonId}`, "/vi/display"];
    for (const m of ["cashless-payment", "scam-avoidance"]) {
      urls.push(`/vi/modules/${m}/practice/${readPractices("vi", m)[0]!.id}`);
      for (const id of lessonIds("vi", m)) urls.push(`/vi/modules/${m}/${id}`);
    }
    const small: string[] = [];
    for (const url of urls) {
      await page.goto(url);
      const found = await page.evaluate(() => {
        const out = new Set<string>();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        let node: Node | null;
        while ((node = walker.nextNode())) {
          const el = node.parentElement;
          if (!el || !(node.textContent ?? "").trim() || el.closest("script, style, .visually-hidden, .skip-link, noscript")) continue;
          const size = parseFloat(getComputedStyle(el).fontSize);
          if (size < 18 && el.getClientRects().length) out.add(`<${el.tagName.toLowerCase()} class="${el.className}"> ${size}px`);
        }
        return [...out];
      });
      small.push(...found.map((f) => `${url}: ${f}`));
    }
    expect(small).toEqual([]);

    await atSize(page, "200");
    const icons: string[] = [];
    for (const url of ["/vi", `/vi/modules/${moduleId}`, `/vi/modules/${moduleId}/${lessonId}`]) {
      await page.goto(url);
      const found = await page.evaluate(() =>
        Array.from(document.querySelectorAll<SVGSVGElement>("svg[aria-hidden=true]"))
          .filter((svg) => !svg.closest(".qr, .vietqr"))
          .map((svg) => ({
            size: Math.min(svg.getBoundingClientRect().width, svg.getBoundingClientRect().height),
            cls: svg.className.baseVal,
          }))
          .filter((i) => i.size < 36),
      );
      icons.push(...found.map((i) => `${url}: icon ${i.cls} ${Math.round(i.size)}px`));
    }
    expect(icons).toEqual([]);
  });

  test("read-aloud without a voice says so beside the button and offers no speeds", async ({ page }) => {
    await page.addInitScript(() => {
      class Utterance {
        constructor(public text: string) {}
      }
      const synth = {
        getVoices: () => [],
        speak() {},
        cancel() {},
        pause() {},
        resume() {},
        addEventListener() {},
        removeEventListener() {},
      };
      Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
      Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance, configurable: true });
      localStorage.setItem("bdhvs-display", "200.standard");
    });
    await page.goto(`/vi/modules/${moduleId}/${lessonId}`);
    const listen = page.getByRole("button", { name: "Nghe đọc bài" });
    await listen.click();
    const status = page.locator(".read-aloud-bar [role=status]");
    await expect(status).toContainText("chưa có giọng đọc");
    const [button, message] = await Promise.all([
      listen.evaluate((el) => el.getBoundingClientRect()),
      status.evaluate((el) => el.getBoundingClientRect()),
    ]);
    // Right after the button, on the screen the learner is looking at.
    expect(message.top - button.bottom).toBeLessThan(40);
    expect(message.top).toBeLessThan(640);
    await expect(page.getByRole("group", { name: "Tốc độ đọc" })).toHaveCount(0);
  });

  test("a signed-in learner is not told they need no account; the largest size is named once", async ({ page }) => {
    await page.goto("/vi/display");
    await expect(page.getByLabel("Rất to (200%)")).toHaveCount(1);
    await page.goto("/vi/signup");
    await page.getByLabel("Họ và tên").fill("Lê Thị Năm");
    await page.getByLabel("Số điện thoại hoặc tên đăng nhập").fill(`le-thi-nam-${Date.now()}`);
    await page.getByLabel("Mật khẩu").fill("mat-khau-cua-nam");
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page.locator("#notice")).toContainText("Đã tạo tài khoản");
    await page.goto("/vi");
    await expect(page.locator(".lead")).not.toContainText("không cần tài khoản");
  });
});

test("the practice drop-downs fit the screen at 200%", async ({ page }) => {
  await atSize(page, "200");
  const practice = readPractices("vi", "public-services").find((p) => p.tasks.some((t) => t.type === "order"));
  test.skip(!practice, "no ordering task");
  const url = `/vi/modules/public-services/practice/${practice!.id}`;
  expect(fs.existsSync(path.join("content", "vi", "public-services", "practice", `${practice!.id}.yaml`))).toBe(true);
  await page.goto(url);
  const widths = await page.locator(".order-step select").evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right));
  expect(widths.length).toBeGreaterThan(0);
  for (const right of widths) expect(right).toBeLessThanOrEqual(360);
});
