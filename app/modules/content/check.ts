import type { ContentProblem } from "./load.server";
import type { Practice } from "./practice-schema";
import type { LessonFrontmatter, ModuleMeta } from "./schema";

type CheckedLesson = Pick<LessonFrontmatter, "id" | "order" | "quiz"> & { file: string };
type CheckedPractice = Pick<Practice, "id" | "order" | "tasks"> & { file: string };
type CheckedModule = Pick<ModuleMeta, "order" | "icon" | "passMark"> & {
  id: string;
  file: string;
  lessons: CheckedLesson[];
  practices: CheckedPractice[];
};

export const MIN_LESSONS_PER_MODULE = 4;
export const MAX_LESSONS_PER_MODULE = 7;
export const MAX_IMAGE_BYTES = 30 * 1024;

/** The course's shape in the reference locale: 4–7 lessons and at least one practice per module. */
export function checkCourseShape(modules: { id: string; lessons: unknown[]; practices: unknown[] }[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const m of modules) {
    const file = `vi/${m.id}/`;
    if (m.lessons.length < MIN_LESSONS_PER_MODULE || m.lessons.length > MAX_LESSONS_PER_MODULE)
      problems.push({ file, message: `has ${m.lessons.length} lessons (a module has ${MIN_LESSONS_PER_MODULE}–${MAX_LESSONS_PER_MODULE})` });
    if (m.practices.length === 0) problems.push({ file, message: "has no practice simulation (at least one per module)" });
  }
  return problems;
}

/**
 * Rules across locales. `reference` (vi) is the course; every locale in `complete` must have
 * exactly its modules and lessons; any other locale may translate only some of them. Whatever a
 * locale has must match the reference id for id: questions, options, kinds and correct answers,
 * so that progress and grading mean the same thing in every language.
 */
export function checkLocaleParity(
  tree: Map<string, CheckedModule[]>,
  reference: string,
  complete: readonly string[],
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const ref = tree.get(reference);
  if (!ref) return [{ file: `${reference}/`, message: `the reference locale "${reference}" has no content` }];
  for (const locale of complete) {
    if (!tree.has(locale)) problems.push({ file: `${locale}/`, message: `locale "${locale}" has no content` });
  }

  for (const [locale, modules] of tree) {
    if (locale === reference) continue;
    const mustBeComplete = complete.includes(locale);
    const byId = new Map(modules.map((m) => [m.id, m]));
    for (const refModule of ref) {
      const other = byId.get(refModule.id);
      if (!other) {
        if (mustBeComplete) problems.push({ file: `${locale}/${refModule.id}/`, message: `module missing (it exists in ${reference})` });
        continue;
      }
      for (const key of ["order", "icon", "passMark"] as const) {
        if (other[key] !== refModule[key])
          problems.push({ file: other.file, message: `${key} is ${other[key]} but ${refModule[key]} in ${reference}` });
      }
      const lessons = new Map(other.lessons.map((l) => [l.id, l]));
      for (const refLesson of refModule.lessons) {
        const lesson = lessons.get(refLesson.id);
        if (!lesson) {
          if (mustBeComplete)
            problems.push({ file: `${locale}/${refModule.id}/${refLesson.id}.mdx`, message: `lesson missing (it exists in ${reference})` });
          continue;
        }
        problems.push(...compareLessons(refLesson, lesson, reference));
        lessons.delete(refLesson.id);
      }
      for (const extra of lessons.values())
        problems.push({ file: extra.file, message: `lesson "${extra.id}" does not exist in ${reference}` });
      const practices = new Map(other.practices.map((p) => [p.id, p]));
      for (const refPractice of refModule.practices) {
        const practice = practices.get(refPractice.id);
        if (!practice) {
          if (mustBeComplete)
            problems.push({ file: `${locale}/${refModule.id}/practice/${refPractice.id}.yaml`, message: `practice missing (it exists in ${reference})` });
          continue;
        }
        problems.push(...comparePractices(refPractice, practice, reference));
        practices.delete(refPractice.id);
      }
      for (const extra of practices.values())
        problems.push({ file: extra.file, message: `practice "${extra.id}" does not exist in ${reference}` });
      byId.delete(refModule.id);
    }
    for (const extra of byId.values())
      problems.push({ file: extra.file, message: `module "${extra.id}" does not exist in ${reference}` });
  }
  return problems;
}

export function compareLessons(ref: CheckedLesson, other: CheckedLesson, reference: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const say = (message: string) => problems.push({ file: other.file, message });
  if (ref.order !== other.order) say(`order is ${other.order} but ${ref.order} in ${reference}`);
  const refIds = ref.quiz.questions.map((q) => q.id).join(", ");
  const ids = other.quiz.questions.map((q) => q.id).join(", ");
  if (refIds !== ids) {
    say(`quiz questions are [${ids}] but [${refIds}] in ${reference}`);
    return problems;
  }
  ref.quiz.questions.forEach((refQ, i) => {
    const q = other.quiz.questions[i]!;
    if (q.kind !== refQ.kind) say(`question "${q.id}" is ${q.kind} but ${refQ.kind} in ${reference}`);
    const refOptions = refQ.options.map((o) => `${o.id}${o.correct ? "*" : ""}`).join(", ");
    const options = q.options.map((o) => `${o.id}${o.correct ? "*" : ""}`).join(", ");
    if (refOptions !== options)
      say(`question "${q.id}" has options [${options}] but [${refOptions}] in ${reference} (* = correct)`);
  });
  return problems;
}

/** The answer key of a task, as one comparable string: ids in order, * marks the correct option. */
function taskKey(task: CheckedPractice["tasks"][number]): string {
  return task.type === "choice"
    ? `choice(${task.options.map((o) => `${o.id}${o.correct ? "*" : ""}`).join(", ")})`
    : `order(${task.steps.map((s) => s.id).join(" > ")})`;
}

function comparePractices(ref: CheckedPractice, other: CheckedPractice, reference: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const say = (message: string) => problems.push({ file: other.file, message });
  if (ref.order !== other.order) say(`order is ${other.order} but ${ref.order} in ${reference}`);
  const refIds = ref.tasks.map((t) => t.id).join(", ");
  const ids = other.tasks.map((t) => t.id).join(", ");
  if (refIds !== ids) {
    say(`tasks are [${ids}] but [${refIds}] in ${reference}`);
    return problems;
  }
  ref.tasks.forEach((refTask, i) => {
    const task = other.tasks[i]!;
    if (taskKey(task) !== taskKey(refTask)) say(`task "${task.id}" is ${taskKey(task)} but ${taskKey(refTask)} in ${reference}`);
  });
  return problems;
}
