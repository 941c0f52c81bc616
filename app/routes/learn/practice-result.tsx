import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireLocale, translate } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/react";
import { refuse } from "~/modules/accounts/refuse.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { reviewPracticeAttempt } from "~/modules/practice/practice.server";
import { GuestNotice, ScoreBox } from "~/components/result";
import { Feedback } from "~/components/practice/PracticeForm";
import { requiredCorrect } from "~/modules/progress/mastery";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const learner = await getCurrentLearner(request);
  if (!learner) refuse(request, { signedIn: false });
  const course = await getCourse();
  const module = course.module(locale, params.moduleId ?? "");
  const practice = module?.practices.find((p) => p.id === params.practiceId);
  if (!module || !practice) notFound();
  const review = await reviewPracticeAttempt({ module, practice }, { learnerId: learner.id, attemptId: params.attemptId ?? "" });
  if (!review) notFound();
  return {
    locale,
    isGuest: learner.kind === "guest",
    module: { id: module.id, title: module.title },
    practice: { id: practice.id, title: practice.title },
    review,
    title: translate(locale, "result.pageTitle", { title: practice.title }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function PracticeResultPage() {
  const { locale, isGuest, module, practice, review } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const practiceUrl = `/${locale}/modules/${module.id}/practice/${practice.id}`;
  return (
    <div className="page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/${locale}`}>{t("nav.courses")}</Link> › <Link to={`/${locale}/modules/${module.id}`}>{module.title}</Link> ›{" "}
        <Link to={practiceUrl}>{practice.title}</Link>
      </nav>
      <h1>{t("practice:result.title")}</h1>
      <ScoreBox
        passed={review.passed}
        score={t("practice:result.score", { correct: review.correctCount, total: review.totalCount })}
        verdict={
          review.passed
            ? t("practice:result.completed")
            : t("practice:result.notYet", { required: requiredCorrect(review.totalCount, review.passMark), total: review.totalCount })
        }
      />
      <div className="actions">
        {!review.passed ? (
          <Link className="button button-primary" to={practiceUrl}>
            {t("practice:result.retry")}
          </Link>
        ) : null}
        <Link className={`button${review.passed ? " button-primary" : ""}`} to={`/${locale}/modules/${module.id}`}>
          {t("practice:result.backToModule", { title: module.title })}
        </Link>
      </div>
      {isGuest ? <GuestNotice locale={locale} /> : null}
      <h2>{t("result.answers")}</h2>
      <ol className="review">
        {review.tasks.map((task) => (
          <li key={task.id} className={`review-question ${task.feedback.correct ? "is-correct" : "is-wrong"}`}>
            <h3>
              <span className="mark">{task.feedback.correct ? t("result.right") : t("result.wrong")}</span> {task.prompt}
            </h3>
            <Feedback feedback={task.feedback} showVerdict={false} />
          </li>
        ))}
      </ol>
    </div>
  );
}
