import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";
import { practiceSchema, type Practice } from "./practice-schema";
import {
  describeIssues,
  lessonFrontmatterSchema,
  moduleMetaSchema,
  type LessonFrontmatter,
  type ModuleMeta,
} from "./schema";

/** A problem a lesson writer must fix, with the file it is in. */
export interface ContentProblem {
  file: string;
  message: string;
}

export interface SourceLesson extends LessonFrontmatter {
  moduleId: string;
  locale: string;
  /** Path relative to the content folder, for messages. */
  file: string;
  /** The MDX body without its frontmatter: the quiz is never part of what gets compiled. */
  body: string;
  /** SHA-256 of the whole file: the cache key for its compiled form. */
  hash: string;
}

export interface SourcePractice extends Practice {
  moduleId: string;
  locale: string;
  file: string;
}

export interface SourceModule extends ModuleMeta {
  id: string;
  locale: string;
  file: string;
  lessons: SourceLesson[];
  practices: SourcePractice[];
}

export interface SourceTree {
  /** locale → modules, sorted by order. */
  locales: Map<string, SourceModule[]>;
  /** Framework competency ids declared in frameworks.yaml. */
  competencies: Set<string>;
  problems: ContentProblem[];
}

const isVisible = (name: string) => !name.startsWith(".") && !name.startsWith("_");

async function listDirs(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && isVisible(e.name)).map((e) => e.name).sort();
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "unknown error";
}

async function readCompetencies(contentDir: string, problems: ContentProblem[]): Promise<Set<string>> {
  const ids = new Set<string>();
  try {
    const data = parseYaml(await fs.readFile(path.join(contentDir, "frameworks.yaml"), "utf8")) as {
      frameworks?: { items?: { id?: string }[] }[];
    };
    for (const framework of data.frameworks ?? []) for (const item of framework.items ?? []) if (item.id) ids.add(item.id);
  } catch (error) {
    problems.push({ file: "frameworks.yaml", message: firstLine(error) });
  }
  return ids;
}

async function readPractices(
  contentDir: string,
  locale: string,
  moduleId: string,
  competencies: Set<string>,
  problems: ContentProblem[],
): Promise<SourcePractice[]> {
  const dir = path.join(contentDir, locale, moduleId, "practice");
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((f) => f.endsWith(".yaml")).sort();
  } catch {
    return [];
  }
  const practices: SourcePractice[] = [];
  for (const name of names) {
    const file = path.join(locale, moduleId, "practice", name);
    let raw: unknown;
    try {
      raw = parseYaml(await fs.readFile(path.join(dir, name), "utf8"));
    } catch (error) {
      problems.push({ file, message: `not valid YAML: ${firstLine(error)}` });
      continue;
    }
    const parsed = practiceSchema.safeParse(raw);
    if (!parsed.success) {
      for (const message of describeIssues(parsed.error)) problems.push({ file, message });
      continue;
    }
    if (`${parsed.data.id}.yaml` !== name) {
      problems.push({ file, message: `the file name must be the practice id: ${parsed.data.id}.yaml` });
      continue;
    }
    for (const competency of parsed.data.competencies) {
      if (!competencies.has(competency)) problems.push({ file, message: `competency "${competency}" is not in frameworks.yaml` });
    }
    practices.push({ ...parsed.data, moduleId, locale, file });
  }
  return practices.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/**
 * Reads and validates every module and lesson under `content/<locale>/<module>/` (file names in
 * problems are relative to their content root).
 * Never throws for a bad file: each bad file becomes a problem and is left out.
 */
export async function readContentTree(contentDirs: string): Promise<SourceTree> {
  const problems: ContentProblem[] = [];
  // Several roots may be given, separated by ":" (a deployment may keep its own translations
  // apart from the course). frameworks.yaml comes from the first; a locale from the first root
  // that has it.
  const roots = contentDirs.split(path.delimiter).filter(Boolean);
  const competencies = await readCompetencies(roots[0] ?? "content", problems);
  const locales = new Map<string, SourceModule[]>();
  const localeRoots: [string, string][] = [];
  for (const root of roots) {
    for (const locale of await listDirs(root)) if (!localeRoots.some(([l]) => l === locale)) localeRoots.push([locale, root]);
  }

  for (const [locale, contentDir] of localeRoots) {
    const modules: SourceModule[] = [];
    for (const moduleId of await listDirs(path.join(contentDir, locale))) {
      const moduleDir = path.join(contentDir, locale, moduleId);
      const metaFile = path.join(locale, moduleId, "_module.yaml");
      let meta: ModuleMeta;
      try {
        const parsed = moduleMetaSchema.safeParse(parseYaml(await fs.readFile(path.join(contentDir, metaFile), "utf8")));
        if (!parsed.success) {
          for (const message of describeIssues(parsed.error)) problems.push({ file: metaFile, message });
          continue;
        }
        meta = parsed.data;
      } catch (error) {
        problems.push({ file: metaFile, message: firstLine(error) });
        continue;
      }

      const lessons: SourceLesson[] = [];
      const files = (await fs.readdir(moduleDir)).filter((f) => f.endsWith(".mdx")).sort();
      for (const name of files) {
        const file = path.join(locale, moduleId, name);
        const raw = await fs.readFile(path.join(moduleDir, name), "utf8");
        let parsedMatter: { data: unknown; content: string };
        try {
          // A fresh options object keeps gray-matter from returning a cached result.
          parsedMatter = matter(raw, {});
        } catch (error) {
          problems.push({ file, message: `frontmatter is not valid YAML: ${firstLine(error)}` });
          continue;
        }
        const parsed = lessonFrontmatterSchema.safeParse(parsedMatter.data);
        if (!parsed.success) {
          for (const message of describeIssues(parsed.error)) problems.push({ file, message });
          continue;
        }
        const lesson = parsed.data;
        if (`${lesson.id}.mdx` !== name) {
          problems.push({ file, message: `the file name must be the lesson id: ${lesson.id}.mdx` });
          continue;
        }
        for (const competency of lesson.competencies) {
          if (!competencies.has(competency))
            problems.push({ file, message: `competency "${competency}" is not in frameworks.yaml` });
        }
        lessons.push({
          ...lesson,
          moduleId,
          locale,
          file,
          body: parsedMatter.content,
          hash: createHash("sha256").update(raw).digest("hex"),
        });
      }
      lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
      const practices = await readPractices(contentDir, locale, moduleId, competencies, problems);
      modules.push({ ...meta, id: moduleId, locale, file: metaFile, lessons, practices });
    }
    modules.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
    locales.set(locale, modules);
  }
  return { locales, competencies, problems };
}
