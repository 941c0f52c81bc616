/**
 * `npm run content:check`: loads, checks and compiles the whole course the way the server does,
 * and fails with each file's name and the reason when anything is wrong.
 */
import os from "node:os";
import path from "node:path";
import { defaultLocale, locales } from "~/i18n/config";
import { loadCourse } from "~/modules/content/course.server";

const contentDir = process.env.CONTENT_DIR ?? "content";
const started = Date.now();
// A private cache: a check must compile everything itself, not trust an earlier run.
const cacheDir = path.join(os.tmpdir(), `content-check-${process.pid}`);
const course = await loadCourse({ contentDir, cacheDir, reference: defaultLocale, complete: locales });

for (const locale of locales) {
  const modules = course.modules(locale);
  const lessons = modules.flatMap((m) => m.lessons);
  const questions = lessons.reduce((n, l) => n + l.quiz.questions.length, 0);
  console.log(`${locale}: ${modules.length} modules, ${lessons.length} lessons, ${questions} questions`);
}

if (course.problems.length) {
  console.error(`\n${course.problems.length} content problem(s):`);
  for (const p of course.problems) console.error(`  ${path.join(contentDir, p.file)}: ${p.message}`);
  console.error("\ncontent check: 0 passed, 1 failed");
  process.exit(1);
}
console.log(`content check: every lesson loads, compiles and matches across locales (${Date.now() - started} ms)`);
