import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";

export interface FixtureQuestion {
  id: string;
  kind: "single" | "multiple";
  prompt: string;
  options: { id: string; text: string; correct?: boolean; explanation: string }[];
}

/** The test knows the answers by reading the lesson file, as a teacher would; the browser never does. */
export function readLesson(locale: string, moduleId: string, lessonId: string) {
  const file = path.join("content", locale, moduleId, `${lessonId}.mdx`);
  const { data } = matter(fs.readFileSync(file, "utf8"), {});
  return data as { title: string; quiz: { questions: FixtureQuestion[] } };
}

export function readModuleTitle(locale: string, moduleId: string): string {
  const text = fs.readFileSync(path.join("content", locale, moduleId, "_module.yaml"), "utf8");
  return /^title:\s*(.+)$/m.exec(text)![1]!.trim();
}

/** Ticks answers in the quiz form: all right, or with the first `wrong` questions answered wrongly. */
export async function answerQuiz(page: Page, questions: FixtureQuestion[], { wrong = 0 } = {}) {
  for (const [index, q] of questions.entries()) {
    const choose = index < wrong ? q.options.filter((o) => !o.correct).slice(0, 1) : q.options.filter((o) => o.correct);
    for (const option of choose) await page.locator(`#q-${q.id}-${option.id}`).check();
  }
}

/** No WCAG 2.2 AA violation that axe can find. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** What a person on a 360 px phone would notice: sideways scrolling, tiny text, tiny targets. */
export async function expectPhoneFriendly(page: Page) {
  const report = await page.evaluate(() => {
    const scrollsSideways = document.documentElement.scrollWidth > window.innerWidth;
    const bodySize = parseFloat(getComputedStyle(document.body).fontSize);
    const small: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("a, button, input, summary"))) {
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none" || el.closest(".visually-hidden")) continue;
      if (el.classList.contains("skip-link")) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      // Inline links inside running text are exempt (WCAG 2.5.8); their line is the target.
      const inText = el.tagName === "A" && el.closest("p, li") && !el.classList.contains("button") && style.display === "inline";
      if (inText) continue;
      // An input is reached through its label, which counts as part of the target.
      const target = el.tagName === "INPUT" && el.closest(".option") ? el.closest(".option")!.getBoundingClientRect() : rect;
      if (target.height < 44)
        small.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 30)}" ${Math.round(target.height)}px`);
    }
    return { scrollsSideways, bodySize, small };
  });
  expect(report.scrollsSideways, `${page.url()} scrolls sideways at 360 px`).toBe(false);
  expect(report.bodySize).toBeGreaterThanOrEqual(18);
  expect(report.small, `touch targets under 44 px on ${page.url()}`).toEqual([]);
}

export interface FixtureTask {
  id: string;
  type: "choice" | "order";
  prompt: string;
  options?: { id: string; text: string; correct?: boolean; explanation: string }[];
  steps?: { id: string; text: string }[];
  explanation?: string;
}

/** A module's practices, read from the content files (answers included: the test plays the learner who knows). */
export function readPractices(locale: string, moduleId: string): { id: string; title: string; tasks: FixtureTask[] }[] {
  const dir = path.join("content", locale, moduleId, "practice");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => parseYaml(fs.readFileSync(path.join(dir, f), "utf8")));
}

export function moduleIds(locale = "vi"): string[] {
  return fs
    .readdirSync(path.join("content", locale), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Answers one practice task in the form, rightly or (for a choice task) wrongly. */
export async function answerTask(page: Page, task: FixtureTask, { wrong = false } = {}) {
  if (task.type === "choice") {
    const option = task.options!.find((o) => (wrong ? !o.correct : o.correct))!;
    await page.locator(`#t-${task.id}-${option.id}`).check();
    return;
  }
  for (const [index, step] of task.steps!.entries()) {
    await page.locator(`#t-${task.id}-${step.id}`).selectOption(String(index + 1));
  }
}

/** A module's lesson ids in course order (by each lesson's `order`). */
export function lessonIds(locale: string, moduleId: string): string[] {
  const dir = path.join("content", locale, moduleId);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".mdx"))
    .map((f) => f.replace(/\.mdx$/, ""))
    .map((id) => ({ id, order: (readLesson(locale, moduleId, id) as unknown as { order: number }).order }))
    .sort((a, b) => a.order - b.order)
    .map((l) => l.id);
}

/** Opens the header's "Menu" (a <details>): the site's links, text size, log-in/out and languages are inside. */
/**
 * The greeting in the menu says who is signed in. Retried: right after a log-in the page may still
 * be arriving, and a new page closes the menu opened on the old one.
 */
export async function expectGreeting(page: Page, name: string) {
  await expect(async () => {
    await openMenu(page);
    await expect(page.getByText(`Xin chào, ${name}`)).toBeVisible({ timeout: 1000 });
  }).toPass();
}

export async function openMenu(page: Page) {
  const menu = page.locator("details.site-menu");
  if (!(await menu.evaluate((el) => (el as HTMLDetailsElement).open))) await menu.locator("summary").click();
}

/**
 * What breaks for a person reading at a large size: a word whose letters lie on two lines (measured
 * with a DOM Range per word: its client rects on more than one line), and anything wider than the
 * screen. A token too wide for a line of the screen less 96 px (a web address) may break.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  // The screen's width, not the window's: on a phone a page wider than the screen widens the layout
  // viewport (innerWidth 776 px for one link) and would hide the very overflow this looks for.
  const screenWidth = page.viewportSize()!.width;
  return page.evaluate((width) => {
    const out: string[] = [];
    const visible = (el: Element) => {
      // checkVisibility: also false inside a closed <details> (the menu), whose content Chromium
      // still lays out, narrow, when asked for its boxes.
      if (!el.checkVisibility()) return false;
      const style = getComputedStyle(el);
      return style.display !== "none" && style.visibility !== "hidden" && !el.closest(".visually-hidden, .skip-link, noscript");
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let node: Node | null;
    while ((node = walker.nextNode())) {
      const parent = node.parentElement;
      if (!parent || !visible(parent) || parent.closest("script, style, select, svg")) continue;
      const text = node.textContent ?? "";
      for (const match of text.matchAll(/\S+/g)) {
        // Web and e-mail addresses are not words: one longer than the line breaks where it must
        // (a test server's "127.0.0.1:3161/vi/join" too).
        if (/[a-z0-9]\.[a-z]{2,}|\d+\.\d+\.\d+\.\d+|@|:\/\//i.test(match[0])) continue;
        // A line may end after a hyphen, slash or bracket ("e-/mail", "3139/BTTTT"): only a break inside the
        // letters between them splits the word.
        for (const part of match[0].matchAll(/[^-/.@&_()]+/g)) {
          const start = match.index + part.index;
          range.setStart(node, start);
          range.setEnd(node, start + part[0].length);
          const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
          if (rects.length < 2) continue;
          const lines = new Set(rects.map((r) => Math.round(r.top / 4)));
          if (lines.size < 2) continue;
          const total = rects.reduce((sum, r) => sum + r.width, 0);
          // A token longer than a phone line can hold inside a box or two (an account number, a web
          // address) may break; every word shorter than that must fit on a line of its own.
          if (total > width - 96) continue;
          const box = parent.closest("[class]");
          out.push(`word split: "${match[0]}" in <${parent.tagName.toLowerCase()}> of .${box?.className.split(" ")[0] ?? ""}`);
          break;
        }
      }
    }
    if (document.documentElement.scrollWidth > width) out.push(`scrolls sideways (${document.documentElement.scrollWidth}px)`);
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      // Inside a box that scrolls on its own (a table), width is that box's business.
      if (el.parentElement?.closest("[data-scrolls], .table-scroll, [role=region]")) continue;
      if (r.right > width + 1 || r.left < -1)
        out.push(
          `wider than the screen: <${el.tagName.toLowerCase()} class="${el.className}"> ${Math.round(r.left)}–${Math.round(r.right)}px`,
        );
    }
    return out;
  }, screenWidth);
}
