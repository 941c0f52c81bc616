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
