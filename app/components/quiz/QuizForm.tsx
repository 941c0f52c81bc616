import { Form, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { ListenButton } from "~/components/access/ReadAloud";
import { useTranslation } from "~/i18n/react";
import { OfflineSubmitFields, useOfflineSubmit } from "~/components/access/OfflineSubmit";
import type { PublicQuestion } from "~/modules/content/schema";
import { ANSWER_FIELD_PREFIX, type Answers, type SubmissionError } from "~/modules/quizzes/grade";
import { orderOptions, SHUFFLE_SEED_FIELD } from "~/modules/quizzes/shuffle";

export interface QuizFormProps {
  questions: PublicQuestion[];
  error?: SubmissionError;
  missing?: string[];
  answers?: Answers;
  /** Changes when the last answers were kept offline: the next submission is a new attempt. */
  renewKey?: string;
  /** The order of the options (shuffle.ts), posted back so the result shows the same order; null: file order. */
  seed: number | null;
}

/** A plain HTML form: works without JavaScript, and says when it is being graded when JS is on. */
export function QuizForm({ questions: fileOrder, error, missing = [], answers = {}, renewKey, seed }: QuizFormProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  const { alertRef, attemptKey, offlineIncomplete, onSubmit } = useOfflineSubmit({ renewKey, alertShown: error ? [error, answers] : null });
  const questions = orderOptions(fileOrder, seed);

  return (
    // Posted to #quiz: without JavaScript the page comes back at the quiz, its error summary on top.
    <Form method="post" action="#quiz" className="quiz" noValidate onSubmit={onSubmit}>
      <OfflineSubmitFields attemptKey={attemptKey} offlineIncomplete={offlineIncomplete} alertRef={alertRef} />
      {seed !== null ? <input type="hidden" name={SHUFFLE_SEED_FIELD} value={seed} /> : null}
      {error && !offlineIncomplete ? (
        <ErrorSummary
          ref={alertRef}
          message={error === "missing" ? t("quiz.errors.missing", { count: missing.length }) : t("quiz.errors.tampered")}
          items={questions
            .map((q, index) => ({ q, index }))
            .filter(({ q }) => missing.includes(q.id))
            .map(({ q, index }) => ({ href: `#question-${q.id}`, text: t("quiz.errors.summaryItem", { number: index + 1 }) }))}
        />
      ) : null}
      {questions.map((q, index) => {
        const isMissing = missing.includes(q.id);
        const chosen = answers[q.id] ?? [];
        const hintId = `hint-${q.id}`;
        const errorId = `error-${q.id}`;
        return (
          <fieldset
            key={q.id}
            id={`question-${q.id}`}
            className={`question${isMissing ? " question-missing" : ""}`}
            aria-describedby={isMissing ? `${hintId} ${errorId}` : hintId}
          >
            <legend>
              <span className="question-number">{t("quiz.questionNumber", { number: index + 1, total: questions.length })}</span>
              <span className="question-prompt">{q.prompt}</span>
            </legend>
            <ListenButton targetId={`question-${q.id}`} label={t("access:readAloud.listenQuestion", { number: index + 1 })} />
            <p className="hint" id={hintId}>
              {q.kind === "single" ? t("quiz.chooseOne") : t("quiz.chooseMany")}
            </p>
            {isMissing ? (
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
      })}
      <button type="submit" name="intent" value="submit" className="button button-primary" disabled={submitting}>
        {submitting ? t("quiz.submitting") : t("quiz.submit")}
      </button>
    </Form>
  );
}
