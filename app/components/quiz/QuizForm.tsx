import { Form, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { ListenButton } from "~/components/access/ReadAloud";
import { useTranslation } from "~/i18n/react";
import { QuestionFieldset } from "~/components/quiz/QuestionFieldset";
import { OfflineSubmitFields, useOfflineSubmit } from "~/components/access/OfflineSubmit";
import type { PublicQuestion } from "~/modules/content/schema";
import type { Answers, SubmissionError } from "~/modules/quizzes/grade";
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
      {questions.map((q, index) => (
        <QuestionFieldset
          key={q.id}
          question={q}
          index={index}
          total={questions.length}
          chosen={answers[q.id]}
          missing={missing.includes(q.id)}
        >
          <ListenButton targetId={`question-${q.id}`} label={t("access:readAloud.listenQuestion", { number: index + 1 })} />
        </QuestionFieldset>
      ))}
      <button type="submit" name="intent" value="submit" className="button button-primary" disabled={submitting}>
        {submitting ? t("quiz.submitting") : t("quiz.submit")}
      </button>
    </Form>
  );
}
