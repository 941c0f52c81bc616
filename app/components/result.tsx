import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { AttemptReview } from "~/modules/quizzes/review.server";

/** The score box at the top of a quiz or practice result. */
export function ScoreBox({ passed, score, verdict }: { passed: boolean; score: string; verdict: string }) {
  return (
    // The result page opens here (#score): the redirect after a quiz or practice points at it.
    <section id="score" tabIndex={-1} className={`score ${passed ? "score-pass" : "score-fail"}`} aria-live="polite">
      <p className="score-number">{score}</p>
      <p className="score-verdict">{verdict}</p>
    </section>
  );
}

/** Tells a guest their work lives on this device, with the way to keep it. */
export function GuestNotice({ locale }: { locale: string }) {
  const { t } = useTranslation();
  return (
    <p className="alert">
      {t("result.guestNotice")} <Link to={`/${locale}/signup`}>{t("nav.signup")}</Link>
    </p>
  );
}

/** Every question of an attempt, marked, with every option explained (the learner's result page, the teacher's view of it). */
export function AnswerReview({ questions, teacher = false }: { questions: AttemptReview["questions"]; teacher?: boolean }) {
  const { t } = useTranslation();
  // The learner reads "you chose"; their teacher reads "the learner chose".
  const label = teacher
    ? {
        chosenRight: t("classes:attempt.yourAnswerRight"),
        chosenWrong: t("classes:attempt.yourAnswerWrong"),
        rightNotChosen: t("classes:attempt.notChosenRight"),
        wrongNotChosen: t("classes:attempt.notChosenWrong"),
      }
    : {
        chosenRight: t("result.yourAnswerRight"),
        chosenWrong: t("result.yourAnswerWrong"),
        rightNotChosen: t("result.notChosenRight"),
        wrongNotChosen: t("result.notChosenWrong"),
      };
  return (
    <ol className="review">
      {questions.map((q) => (
        <li key={q.id} className={`review-question ${q.correct ? "is-correct" : "is-wrong"}`}>
          <h3>
            <span className="mark">{q.correct ? t("result.right") : t("result.wrong")}</span> {q.prompt}
          </h3>
          <ul className="review-options">
            {/* Every option explained, as the lesson promises: chosen or not, right or not. */}
            {q.options.map((o) => (
              <li key={o.id} className={o.correct ? "option-correct" : o.chosen ? "option-wrong" : "option-other"}>
                <p>
                  <strong>
                    {o.chosen && o.correct
                      ? label.chosenRight
                      : o.chosen
                        ? label.chosenWrong
                        : o.correct
                          ? label.rightNotChosen
                          : label.wrongNotChosen}
                  </strong>{" "}
                  {o.text}
                </p>
                <p className="explanation">{o.explanation}</p>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
