import { getEnv } from "~/env.server";
import { defaultLocale } from "~/i18n/config";
import { readContentTree, type ContentProblem } from "~/modules/content/load.server";
import { readProgramme } from "~/modules/content/programme.server";
import type { CourseShape } from "./milestones";

/** The course's shape from its source files (reference locale), without compiling any lesson. */
export async function readCourseShape(contentDir: string): Promise<CourseShape> {
  const tree = await readContentTree(contentDir);
  const problems: ContentProblem[] = [];
  const programme = await readProgramme(contentDir, problems);
  const modules = (tree.locales.get(defaultLocale) ?? []).map((m) => ({
    id: m.id,
    lessonIds: m.lessons.map((l) => l.id),
    practiceIds: m.practices.map((p) => p.id),
  }));
  return { modules, coreModuleIds: programme?.coreModules.filter((id) => modules.some((m) => m.id === id)) ?? [] };
}

let loading: Promise<CourseShape> | undefined;

/** This process's course shape (CONTENT_DIR), read once. */
export function getCourseShape(): Promise<CourseShape> {
  if (!loading) {
    loading = readCourseShape(getEnv().CONTENT_DIR);
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
