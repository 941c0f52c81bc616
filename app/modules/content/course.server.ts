import { createHash } from "node:crypto";
import { checkLocaleParity } from "./check";
import { compileLessonBody, type CompileCache } from "./compile.server";
import { readContentTree, type ContentProblem, type SourceLesson, type SourceModule, type SourcePractice } from "./load.server";
import { buildGlossary, extractTerms, shownText, type GlossaryEntry, type GlossaryLesson } from "./glossary";
import { checkProgramme, PROGRAMME_FILE, type Programme } from "./programme";
import { readProgramme } from "./programme.server";
import { readabilityProblems, textStats, type TextStats } from "./readability";
import { renderLessonHtml, renderSourcesHtml } from "./render.server";
import type { LessonFrontmatter, ModuleMeta } from "./schema";

export interface Lesson extends Omit<LessonFrontmatter, never> {
  moduleId: string;
  /** The locale the text is in: the reference locale when this one has no translation yet. */
  locale: string;
  html: string;
  /** The sources' list as the lesson's page shows it (HTML). */
  sourcesHtml: string;
  file: string;
  /** Plain-language figures of the body (content check). */
  stats: TextStats;
}

export type CoursePractice = SourcePractice;

export interface CourseModule extends ModuleMeta {
  id: string;
  locale: string;
  lessons: Lesson[];
  practices: CoursePractice[];
}

export interface Course {
  /** Changes whenever any lesson's source changes. */
  version: string;
  problems: ContentProblem[];
  /** content/programme.yaml: core modules and the programme certificate's texts (null if invalid). */
  programme: Programme | null;
  /** Locales with a folder in the content directory. */
  locales: string[];
  modules(locale: string): CourseModule[];
  module(locale: string, moduleId: string): CourseModule | undefined;
  lesson(locale: string, moduleId: string, lessonId: string): Lesson | undefined;
  practice(locale: string, moduleId: string, practiceId: string): CoursePractice | undefined;
  /** The terms the lessons explain with <Term>, in course order (the reference locale's for a locale without lessons). */
  glossary(locale: string): GlossaryEntry[];
}

export interface LoadCourseOptions {
  contentDir: string;
  cacheDir: string | null;
  /** The locale every other is checked against and falls back to. */
  reference: string;
  /** Locales that must translate every lesson. */
  complete: readonly string[];
}

async function compileLesson(
  source: SourceLesson,
  cache: CompileCache,
  problems: ContentProblem[],
): Promise<Lesson | null> {
  try {
    const code = await compileLessonBody(source.body, cache);
    const html = renderLessonHtml(code, source.locale);
    const stats = textStats(source.body);
    for (const message of readabilityProblems(stats)) problems.push({ file: source.file, message });
    const { body: _body, hash: _hash, ...rest } = source;
    return { ...rest, html, sourcesHtml: renderSourcesHtml(source.sources), stats };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split("\n").slice(0, 3).join(" ");
    problems.push({ file: source.file, message: `does not compile: ${message}` });
    return null;
  }
}

/** What a learner reads on a lesson's page, and the terms it explains. */
function glossaryLesson(source: SourceLesson): GlossaryLesson {
  const quizText = source.quiz.questions.flatMap((q) => [q.prompt, ...q.options.flatMap((o) => [o.text, o.explanation])]);
  return {
    moduleId: source.moduleId,
    id: source.id,
    title: source.title,
    file: source.file,
    terms: extractTerms(source.body),
    text: [source.title, source.summary, shownText(source.body), ...quizText].join("\n"),
  };
}

/**
 * Reads, checks, compiles and renders the whole course once. Bad files are reported in
 * `problems` and left out; the rest of the course still loads.
 */
export async function loadCourse(options: LoadCourseOptions): Promise<Course> {
  const tree = await readContentTree(options.contentDir);
  const problems = [...tree.problems, ...checkLocaleParity(tree.locales, options.reference, options.complete)];
  const cache: CompileCache = { dir: options.cacheDir };

  const compiled = new Map<string, CourseModule[]>();
  const glossaryLessons = new Map<string, GlossaryLesson[]>();
  const versionHash = createHash("sha256");
  for (const [locale, modules] of tree.locales) {
    const out: CourseModule[] = [];
    for (const mod of modules) {
      const lessons: Lesson[] = [];
      const forGlossary = glossaryLessons.get(locale) ?? glossaryLessons.set(locale, []).get(locale)!;
      for (const practice of mod.practices) versionHash.update(JSON.stringify(practice));
      for (const source of mod.lessons) {
        versionHash.update(source.hash);
        const lesson = await compileLesson(source, cache, problems);
        if (lesson) {
          lessons.push(lesson);
          forGlossary.push(glossaryLesson(source));
        }
      }
      const { lessons: _sources, file: _file, ...meta } = mod as SourceModule;
      out.push({ ...meta, lessons, practices: mod.practices });
    }
    compiled.set(locale, out);
  }

  // One definition per term, and no term used before the lesson that explains it (per locale, in course order).
  const glossaries = new Map<string, GlossaryEntry[]>();
  for (const [locale, lessons] of glossaryLessons) {
    const { entries, problems: found } = buildGlossary(lessons);
    glossaries.set(locale, entries);
    if (locale === options.reference || options.complete.includes(locale)) problems.push(...found);
  }

  const reference = compiled.get(options.reference) ?? [];
  const programme = await readProgramme(options.contentDir, problems);
  if (programme) {
    for (const message of checkProgramme(programme, reference.map((m) => m.id))) problems.push({ file: PROGRAMME_FILE, message });
  }
  const views = new Map<string, CourseModule[]>();
  const modulesFor = (locale: string): CourseModule[] => {
    let view = views.get(locale);
    if (view) return view;
    const own = compiled.get(locale);
    if (!own || locale === options.reference) view = own ?? [];
    else {
      // A partly translated locale: every reference module and lesson, in this locale where it exists.
      view = reference.map((refModule) => {
        const mod = own.find((m) => m.id === refModule.id);
        const lessons = refModule.lessons.map((l) => mod?.lessons.find((x) => x.id === l.id) ?? l);
        const practices = refModule.practices.map((p) => mod?.practices.find((x) => x.id === p.id) ?? p);
        return { ...(mod ?? refModule), lessons, practices };
      });
    }
    views.set(locale, view);
    return view;
  };

  return {
    version: versionHash.digest("hex").slice(0, 16),
    problems,
    programme,
    locales: [...compiled.keys()],
    modules: modulesFor,
    module: (locale, moduleId) => modulesFor(locale).find((m) => m.id === moduleId),
    lesson: (locale, moduleId, lessonId) =>
      modulesFor(locale).find((m) => m.id === moduleId)?.lessons.find((l) => l.id === lessonId),
    practice: (locale, moduleId, practiceId) =>
      modulesFor(locale).find((m) => m.id === moduleId)?.practices.find((p) => p.id === practiceId),
    glossary: (locale) => {
      const own = glossaries.get(locale);
      return own?.length ? own : (glossaries.get(options.reference) ?? []);
    },
  };
}
