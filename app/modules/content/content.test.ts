import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCourse } from "./course.server";
import { lessonFrontmatterSchema, publicQuiz } from "./schema";

const quiz = (correctOf: string = "a") => `quiz:
  questions:
${["q1", "q2", "q3", "q4"]
  .map(
    (id) => `    - id: ${id}
      kind: single
      prompt: Câu hỏi ${id}?
      options:
        - { id: a, text: Đáp án A, correct: ${correctOf === "a"}, explanation: Giải thích A. }
        - { id: b, text: Đáp án B, correct: ${correctOf === "b"}, explanation: Giải thích B. }`,
  )
  .join("\n")}`;

function lessonFile(id: string, { body = "## Bước một\n\nMột câu ngắn.", correct = "a", extra = "" } = {}) {
  return `---
id: ${id}
title: Bài ${id}
summary: Tóm tắt bài học ${id}.
minutes: 4
order: 1
competencies: ["course:safety"]
sources:
  - { title: Nguồn ví dụ, url: "https://example.com/source" }
${extra}${quiz(correct)}
---

${body}
`;
}

const dirs: string[] = [];
async function fixture(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "content-"));
  dirs.push(dir);
  const all = {
    "frameworks.yaml": 'frameworks:\n  - id: course\n    items:\n      - { id: "course:safety" }\n',
    "vi/safety/_module.yaml": "title: An toàn\nsummary: Học cách giữ an toàn.\norder: 1\nicon: shield\n",
    "en/safety/_module.yaml": "title: Safety\nsummary: Learn to stay safe.\norder: 1\nicon: shield\n",
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), text);
  }
  return dir;
}
const load = (contentDir: string) => loadCourse({ contentDir, cacheDir: null, reference: "vi", complete: ["vi", "en"] });

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

describe("the content pipeline", () => {
  it("compiles MDX with components to static HTML", async () => {
    const dir = await fixture({
      "vi/safety/one.mdx": lessonFile("one", { body: "## Bước\n\n<Warning>Không đưa **mã OTP** cho ai.</Warning>" }),
      "en/safety/one.mdx": lessonFile("one"),
    });
    const course = await load(dir);
    expect(course.problems).toEqual([]);
    const html = course.lesson("vi", "safety", "one")!.html;
    expect(html).toContain("<h2>Bước</h2>");
    expect(html).toContain('class="callout callout-warning"');
    expect(html).toContain("<strong>mã OTP</strong>");
    // Its sources too, as the page lists them.
    expect(course.lesson("vi", "safety", "one")!.sourcesHtml).toBe(
      '<ul><li><a href="https://example.com/source" rel="noopener noreferrer">Nguồn ví dụ</a></li></ul>',
    );
  });

  it("names the file and the reason when a lesson does not compile, and still loads the rest", async () => {
    const dir = await fixture({
      "vi/safety/one.mdx": lessonFile("one", { body: "Một thẻ <Warning> không đóng." }),
      "en/safety/one.mdx": lessonFile("one"),
      "vi/safety/two.mdx": lessonFile("two"),
      "en/safety/two.mdx": lessonFile("two"),
    });
    const course = await load(dir);
    expect(course.problems).toHaveLength(1);
    expect(course.problems[0]!.file).toBe(path.join("vi", "safety", "one.mdx"));
    expect(course.problems[0]!.message).toMatch(/does not compile/);
    expect(course.lesson("vi", "safety", "two")).toBeDefined();
  });

  it("reports a lesson missing from a locale and answers that differ between locales", async () => {
    const dir = await fixture({
      "vi/safety/one.mdx": lessonFile("one"),
      "en/safety/one.mdx": lessonFile("one", { correct: "b" }),
      "vi/safety/two.mdx": lessonFile("two"),
    });
    const messages = (await load(dir)).problems.map((p) => `${p.file}: ${p.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^en\/safety\/two\.mdx: lesson missing/));
    expect(messages).toContainEqual(expect.stringMatching(/^en\/safety\/one\.mdx: question "q1" has options \[a, b\*\] but \[a\*, b\]/));
  });

  it("rejects bad frontmatter with the file name", async () => {
    const dir = await fixture({
      "vi/safety/one.mdx": lessonFile("one", { extra: "unexpected: true\n" }),
      "en/safety/one.mdx": lessonFile("one"),
    });
    const problems = (await load(dir)).problems;
    expect(problems.some((p) => p.file === path.join("vi", "safety", "one.mdx") && /unexpected/.test(p.message))).toBe(true);
  });

  it("builds the glossary from Term, links each Term to it, and reports a term used before the lesson that explains it", async () => {
    const defined = '## Mật khẩu\n\nĐặt <Term word="mật khẩu">dãy chữ hoặc số bí mật</Term> thật dài.';
    const dir = await fixture({
      "vi/safety/a.mdx": lessonFile("a", { body: "## Đầu tiên\n\nĐừng nói mật khẩu cho ai." }),
      "vi/safety/b.mdx": lessonFile("b", { body: defined }),
      "en/safety/a.mdx": lessonFile("a"),
      "en/safety/b.mdx": lessonFile("b"),
    });
    const course = await load(dir);
    expect(course.problems).toHaveLength(1);
    expect(course.problems[0]!.file).toBe(path.join("vi", "safety", "a.mdx"));
    expect(course.problems[0]!.message).toMatch(/uses "mật khẩu" before it is explained.*vi\/safety\/b\.mdx/);
    expect(course.glossary("vi")).toEqual([
      { word: "mật khẩu", anchor: "term-mat-khau", aliases: [], definition: "dãy chữ hoặc số bí mật", lesson: { moduleId: "safety", id: "b", title: "Bài b" } },
    ]);
    expect(course.lesson("vi", "safety", "b")!.html).toContain('<a class="term-link" href="/vi/glossary#term-mat-khau"><dfn>mật khẩu</dfn></a>');
  });

  it("reports one word defined in two ways", async () => {
    const dir = await fixture({
      "vi/safety/a.mdx": lessonFile("a", { body: 'Một <Term word="OTP">mã dùng một lần</Term>.' }),
      "vi/safety/b.mdx": lessonFile("b", { body: 'Lại <Term word="OTP">mã bí mật</Term>.' }),
      "en/safety/a.mdx": lessonFile("a"),
      "en/safety/b.mdx": lessonFile("b"),
    });
    const messages = (await load(dir)).problems.map((p) => `${p.file}: ${p.message}`);
    expect(messages).toEqual([expect.stringMatching(/^vi\/safety\/b\.mdx: term "OTP" is defined as "mã bí mật" but as "mã dùng một lần" in vi\/safety\/a\.mdx/)]);
  });

  it("falls back to Vietnamese for a lesson a partial locale has not translated", async () => {
    const dir = await fixture({
      "vi/safety/one.mdx": lessonFile("one"),
      "en/safety/one.mdx": lessonFile("one"),
      "xx/safety/_module.yaml": "title: Safety XX\nsummary: Partial locale for tests.\norder: 1\nicon: shield\n",
    });
    const course = await load(dir);
    expect(course.problems).toEqual([]);
    expect(course.lesson("xx", "safety", "one")?.locale).toBe("vi");
    expect(course.module("xx", "safety")?.title).toBe("Safety XX");
  });
});

describe("lesson schema", () => {
  const base = {
    id: "x",
    title: "Bài x",
    summary: "Tóm tắt đủ dài.",
    minutes: 3,
    order: 1,
    competencies: ["course:safety"],
    sources: [{ title: "Nguồn", url: "https://example.com" }],
  };
  const option = (id: string, correct = false) => ({ id, text: id, correct, explanation: `Vì ${id}.` });
  const q = (id: string, options = [option("a", true), option("b")]) => ({ id, kind: "single", prompt: `Câu ${id}?`, options });

  it("needs at least four questions", () => {
    expect(lessonFrontmatterSchema.safeParse({ ...base, quiz: { questions: [q("1"), q("2"), q("3")] } }).success).toBe(false);
    expect(lessonFrontmatterSchema.safeParse({ ...base, quiz: { questions: [q("1"), q("2"), q("3"), q("4")] } }).success).toBe(true);
  });
  it("needs a correct option and only one for a single-answer question", () => {
    const none = q("3", [option("a"), option("b")]);
    const two = q("3", [option("a", true), option("b", true)]);
    expect(lessonFrontmatterSchema.safeParse({ ...base, quiz: { questions: [q("1"), q("2"), q("4"), none] } }).success).toBe(false);
    expect(lessonFrontmatterSchema.safeParse({ ...base, quiz: { questions: [q("1"), q("2"), q("4"), two] } }).success).toBe(false);
  });
  it("needs an explanation on every option", () => {
    const bare = q("3", [option("a", true), { id: "b", text: "b", correct: false } as never]);
    expect(lessonFrontmatterSchema.safeParse({ ...base, quiz: { questions: [q("1"), q("2"), q("4"), bare] } }).success).toBe(false);
  });
  it("keeps correct answers and explanations out of the public quiz", () => {
    const parsed = lessonFrontmatterSchema.parse({ ...base, quiz: { questions: [q("1"), q("2"), q("3"), q("4")] } });
    const json = JSON.stringify(publicQuiz(parsed.quiz));
    expect(json).not.toContain("correct");
    expect(json).not.toContain("explanation");
    expect(json).not.toContain("Vì a.");
  });
});
