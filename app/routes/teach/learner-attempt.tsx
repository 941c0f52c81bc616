import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatTime } from "~/components/classes/ui";
import { AnswerReview, ScoreBox } from "~/components/result";
import { useTranslation } from "~/i18n/react";
import { notFound, translate } from "~/i18n/locale.server";
import { requireMemberOfOwnedClass } from "~/modules/classes/access.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { requiredCorrect } from "~/modules/progress/mastery";
import { reviewAttemptForTeacher } from "~/modules/quizzes/review.server";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/**
 * One quiz attempt of a learner in the teacher's class: which questions were missed, what the
 * learner chose and what was right, as the learner's own result page shows it (issue 11). Only the
 * class's instructor, only for a current member; anything else is a 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass, member } = await requireMemberOfOwnedClass(request, params);
  const review = await reviewAttemptForTeacher(await getCourse(), { locale, learnerId: member.id, attemptId: params.attemptId ?? "" });
  if (!review) notFound();
  return {
    locale,
    klass: { id: klass.id, name: klass.name },
    member: { id: member.id, name: member.name },
    review,
    missed: review.questions.filter((q) => !q.correct).length,
    title: translate(locale, "classes:attempt.title", { name: member.name, lesson: review.lesson.title }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function LearnerAttemptPage() {
  const { locale, klass, member, review, missed } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/${locale}/teach/classes/${klass.id}`;
  return (
    <div className="page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={base}>{klass.name}</Link> › <Link to={`${base}/learners/${member.id}#attempts`}>{member.name}</Link>
      </nav>
      <h1>{t("classes:attempt.title", { name: member.name, lesson: review.lesson.title })}</h1>
      <p className="meta">
        {review.module.title} · {formatTime(review.createdAt, locale)}
      </p>
      <ScoreBox
        passed={review.passed}
        score={t("classes:attempt.score", { correct: review.correctCount, total: review.questionCount })}
        verdict={t(review.passed ? "classes:attempt.passed" : "classes:attempt.notYet", {
          required: requiredCorrect(review.questionCount, review.passMark),
          total: review.questionCount,
        })}
      />
      <p>{missed ? t("classes:attempt.missed", { count: missed }) : t("classes:attempt.noneMissed")}</p>
      <h2>{t("result.answers")}</h2>
      <AnswerReview questions={review.questions} teacher />
      <p>
        <Link className="button" to={`${base}/learners/${member.id}#attempts`}>
          {t("classes:attempt.back", { name: member.name })}
        </Link>
      </p>
    </div>
  );
}
