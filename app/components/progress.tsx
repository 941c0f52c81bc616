import { useTranslation } from "~/i18n/react";
import type { LessonState, ModuleSummary } from "~/modules/progress/mastery";

export function ProgressBar({ summary, label }: { summary: ModuleSummary; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="progress">
      <progress max={summary.total + summary.practiceTotal} value={summary.mastered + summary.practiceDone} aria-label={label} />
      <span>
        {t("progress.mastered", { mastered: summary.mastered, total: summary.total })}
        {summary.practiceTotal ? ` · ${t("progress.practiceDone", { done: summary.practiceDone, total: summary.practiceTotal })}` : ""}
      </span>
    </div>
  );
}

export function StateBadge({ state }: { state: LessonState }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${state}`}>{t(`progress.state.${state}`)}</span>;
}
