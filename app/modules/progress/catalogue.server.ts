import { getDb } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { getCourse } from "~/modules/content/course-instance.server";
import type { ModuleMeta } from "~/modules/content/schema";
import { lessonState, nextLessonId, summariseModule, type LessonState, type ModuleSummary } from "./mastery";
import { getLearnerProgress, type LearnerProgress } from "./progress.server";

export interface ItemCard {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  /** For a practice, "mastered" means completed. */
  state: LessonState;
  bestScore: number | null;
  attempts: number;
}

export interface ModuleCard {
  id: string;
  title: string;
  summary: string;
  icon: ModuleMeta["icon"];
  passMark: number;
  progress: ModuleSummary;
  lessons: ItemCard[];
  practices: ItemCard[];
  /** Where "continue" leads: the first lesson not yet mastered. */
  nextLessonId: string | null;
}

const empty = (): LearnerProgress => ({ lessons: new Map(), practices: new Map() });

/** One learner's progress; nothing for a visitor who has not done anything yet. */
export async function progressOf(learnerId: string | null): Promise<LearnerProgress> {
  return learnerId ? getLearnerProgress(await getDb(), { learnerId }) : empty();
}

function card(
  item: { id: string; title: string; summary: string; minutes: number },
  progress: ReadonlyMap<string, { passed: number; best_score: number; attempt_count: number }>,
): ItemCard {
  const p = progress.get(item.id);
  return {
    id: item.id,
    title: item.title,
    summary: item.summary,
    minutes: item.minutes,
    state: lessonState(p),
    bestScore: p ? p.best_score : null,
    attempts: p ? p.attempt_count : 0,
  };
}

/** The course in one locale, with one learner's progress on every module, lesson and practice. */
export async function getCatalogue({ locale, learnerId }: { locale: Locale; learnerId: string | null }): Promise<ModuleCard[]> {
  const [course, progress] = await Promise.all([getCourse(), progressOf(learnerId)]);
  return course.modules(locale).map((mod) => {
    const lessonIds = mod.lessons.map((l) => l.id);
    return {
      id: mod.id,
      title: mod.title,
      summary: mod.summary,
      icon: mod.icon,
      passMark: mod.passMark,
      progress: summariseModule({ lessonIds, practiceIds: mod.practices.map((p) => p.id) }, progress),
      nextLessonId: nextLessonId(lessonIds, progress.lessons),
      lessons: mod.lessons.map((l) => card(l, progress.lessons)),
      practices: mod.practices.map((p) => card(p, progress.practices)),
    };
  });
}

export async function getModuleCard(input: { locale: Locale; learnerId: string | null; moduleId: string }) {
  return (await getCatalogue(input)).find((m) => m.id === input.moduleId) ?? null;
}
