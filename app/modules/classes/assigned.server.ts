import { getDb } from "~/db.server";
import type { ModuleCard } from "~/modules/progress/catalogue.server";
import { assignedWork } from "./classes.server";
import { vietnamDay } from "./codes";
import { isLate } from "./dashboard";

export interface AssignedItem {
  classId: string;
  className: string;
  moduleId: string;
  title: string;
  dueDate: string | null;
  late: boolean;
  mastered: number;
  total: number;
  state: ModuleCard["progress"]["state"];
  nextLessonId: string | null;
}

/** What a learner's classes ask of them, soonest due first, with their progress on each (from the catalogue they already have). */
export async function assignedItems({
  learnerId,
  catalogue,
  now = new Date(),
}: {
  learnerId: string | null;
  catalogue: ModuleCard[];
  now?: Date;
}): Promise<AssignedItem[]> {
  if (!learnerId) return [];
  const work = await assignedWork(await getDb(), { learnerId });
  const today = vietnamDay(now);
  return work.flatMap((w) => {
    const card = catalogue.find((m) => m.id === w.moduleId);
    if (!card) return [];
    return [
      {
        classId: w.classId,
        className: w.className,
        moduleId: w.moduleId,
        title: card.title,
        dueDate: w.dueDate,
        late: isLate(w.dueDate, card.progress.state, today),
        mastered: card.progress.mastered,
        total: card.progress.total,
        state: card.progress.state,
        nextLessonId: card.nextLessonId,
      },
    ];
  });
}
