/**
 * `npm run content:check`: loads, checks and compiles the whole course the way the server does,
 * prints plain-language figures per lesson, and fails with each file's name and the reason when
 * anything is wrong.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { builtInLocales, defaultLocale } from "~/i18n/config";
import { loadCourse } from "~/modules/content/course.server";
import { checkCourseShape, MAX_IMAGE_BYTES } from "~/modules/content/check";
import { balanceWarnings, quizBalance } from "~/modules/content/quiz-balance";

const contentDir = process.env.CONTENT_DIR ?? "content";
const started = Date.now();
// A private cache: a check must compile everything itself, not trust an earlier run.
const cacheDir = path.join(os.tmpdir(), `content-check-${process.pid}`);
const course = await loadCourse({ contentDir, cacheDir, reference: defaultLocale, complete: builtInLocales });
fs.rmSync(cacheDir, { recursive: true, force: true });

const problems = [...course.problems, ...checkCourseShape(course.modules(defaultLocale))];

// No image in the content or the public folder may weigh more than 30 KB.
function images(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return images(full);
    return /\.(png|jpe?g|gif|webp|avif|svg)$/i.test(e.name) ? [full] : [];
  });
}
for (const file of [...images(contentDir), ...images("public")]) {
  const size = fs.statSync(file).size;
  if (size > MAX_IMAGE_BYTES)
    problems.push({ file, message: `image is ${Math.round(size / 1024)} KB (at most ${MAX_IMAGE_BYTES / 1024} KB)` });
}

const warnings: string[] = [];
for (const locale of course.locales) {
  const modules = course.modules(locale);
  const lessons = modules.flatMap((m) => m.lessons.filter((l) => l.locale === locale));
  const practices = modules.flatMap((m) => m.practices.filter((p) => p.locale === locale));
  const questions = lessons.reduce((n, l) => n + l.quiz.questions.length, 0);
  console.log(`\n${locale}: ${modules.length} modules, ${lessons.length} lessons, ${practices.length} practices, ${questions} questions`);
  console.log("  words  avg/sentence  longest  lesson");
  for (const l of lessons) {
    console.log(
      `  ${String(l.stats.words).padStart(5)}  ${l.stats.averageSentence.toFixed(1).padStart(12)}  ${String(l.stats.longestSentence).padStart(7)}  ${l.moduleId}/${l.id}`,
    );
  }
  // Can a learner guess? Options are shown shuffled, but the files must not give the answer away either.
  const balance = quizBalance(lessons);
  const pct = (x: number) => `${Math.round(100 * x)}%`;
  console.log(
    `  quiz balance: of ${balance.questions} single-choice questions, the correct option is the longest in ${balance.correctLongest} (${pct(balance.longestShare)}) and first in ${balance.correctFirst} (${pct(balance.firstShare)})`,
  );
  warnings.push(...balanceWarnings(balance, locale));
  console.log(`  glossary: ${course.glossary(locale).length} terms`);
}

if (warnings.length) {
  console.warn(`\n${warnings.length} warning(s):`);
  for (const w of warnings) console.warn(`  ${w}`);
}

if (problems.length) {
  console.error(`\n${problems.length} content problem(s):`);
  for (const p of problems) console.error(`  ${p.file.startsWith(contentDir) ? p.file : path.join(contentDir, p.file)}: ${p.message}`);
  console.error("\ncontent check: 0 passed, 1 failed");
  process.exit(1);
}
console.log(
  `\ncontent check: every lesson and practice loads, compiles, reads plainly and matches across locales (${Date.now() - started} ms)`,
);
