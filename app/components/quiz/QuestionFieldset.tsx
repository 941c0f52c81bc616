import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import type { PublicQuestion } from "~/modules/content/schema";
import { ANSWER_FIELD_PREFIX } from "~/modules/quizzes/grade";

/**
 * One question of a form (a lesson's quiz, a contest): its number and prompt as the legend, how
 * many answers to choose, an error when it was left unanswered, and its options as radio buttons
 * or tick boxes named `answer.<question>`. `children` goes under the legend (the read-aloud button).
 */
export function QuestionFieldset({
  question: q,
  index,
  total,
  chosen = [],
  missing = false,
  children,
}: {
  question: PublicQuestion;
  index: number;
  total: number;
  chosen?: readonly string[];
  missing?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const hintId = `hint-${q.id}`;
  const errorId = `error-${q.id}`;
  return (
    <fieldset
      id={`question-${q.id}`}
      className={`question${missing ? " question-missing" : ""}`}
      aria-describedby={missing ? `${hintId} ${errorId}` : hintId}
    >
      <legend>
        <span className="question-number">{t("quiz.questionNumber", { number: index + 1, total })}</span>
        <span className="question-prompt">{q.prompt}</span>
      </legend>
      {children}
      <p className="hint" id={hintId}>
        {q.kind === "single" ? t("quiz.chooseOne") : t("quiz.chooseMany")}
      </p>
      {missing ? (
        <p className="field-error" id={errorId}>
          {t("quiz.errors.unanswered")}
        </p>
      ) : null}
      {q.options.map((o) => {
        const id = `q-${q.id}-${o.id}`;
        return (
          <div key={o.id} className="option">
            <input
              type={q.kind === "single" ? "radio" : "checkbox"}
              id={id}
              name={`${ANSWER_FIELD_PREFIX}${q.id}`}
              value={o.id}
              defaultChecked={chosen.includes(o.id)}
            />
            <label htmlFor={id}>{o.text}</label>
          </div>
        );
      })}
    </fieldset>
  );
}
