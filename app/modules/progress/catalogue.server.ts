import type { LessonProgress } from "#db/schema";
import { getDb } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { getCourse } from "~/modules/content/course-instance.server";
import { lessonState, nextLessonId, summariseModule, type LessonState, type ModuleSummary } from "./mastery";
import { getProgressByLesson } from "./progress.server";

export interface LessonCard {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  state: LessonState;
  bestScore: number | null;
  attempts: number;
}

export interface ModuleCard {
  id: string;
  title: string;
  summary: string;
  icon: "phone" | "globe" | "building" | "wallet" | "shield" | "store" | "sparkles";
  passMark: number;
  progress: ModuleSummary;
  lessons: LessonCard[];
  /** Where "continue" leads: the first lesson not yet mastered. */
  nextLessonId: string | null;
}

async function progressOf(learnerId: string | null): Promise<Map<string, LessonProgress>> {
  return learnerId ? getProgressByLesson(await getDb(), { learnerId }) : new Map();
}

/** The course in one locale, with one learner's progress on every module and lesson. */
export async function getCatalogue({ locale, learnerId }: { locale: Locale; learnerId: string | null }): Promise<ModuleCard[]> {
  const [course, progress] = await Promise.all([getCourse(), progressOf(learnerId)]);
  return course.modules(locale).map((mod) => {
    const ids = mod.lessons.map((l) => l.id);
    return {
      id: mod.id,
      title: mod.title,
      summary: mod.summary,
      icon: mod.icon,
      passMark: mod.passMark,
      progress: summariseModule(ids, progress),
      nextLessonId: nextLessonId(ids, progress),
      lessons: mod.lessons.map((l) => {
        const p = progress.get(l.id);
        return {
          id: l.id,
          title: l.title,
          summary: l.summary,
          minutes: l.minutes,
          state: lessonState(p),
          bestScore: p ? p.best_score : null,
          attempts: p ? p.attempt_count : 0,
        };
      }),
    };
  });
}

export async function getModuleCard(input: { locale: Locale; learnerId: string | null; moduleId: string }) {
  return (await getCatalogue(input)).find((m) => m.id === input.moduleId) ?? null;
}
