import { getEnv } from "~/env.server";
import { builtInLocales, defaultLocale } from "~/i18n/config";
import { loadCourse, type Course } from "./course.server";

let loading: Promise<Course> | undefined;

/** The course, compiled once per process (and per content version on disk). */
export function getCourse(): Promise<Course> {
  if (!loading) {
    const env = getEnv();
    loading = loadCourse({
      contentDir: env.CONTENT_DIR,
      cacheDir: env.CACHE_DIR,
      reference: defaultLocale,
      complete: builtInLocales,
    }).then((course) => {
      for (const p of course.problems) console.error(`content problem: ${p.file}: ${p.message}`);
      return course;
    });
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
