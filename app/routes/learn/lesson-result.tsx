import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { notFound, requireLocale, translate } from "~/i18n/locale.server";
import { refuse } from "~/modules/accounts/refuse.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { reviewAttempt } from "~/modules/quizzes/review.server";
import { AnswerReview, GuestNotice, ScoreBox } from "~/components/result";
import { requiredCorrect } from "~/modules/progress/mastery";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const learner = await getCurrentLearner(request);
  // Logged out: log in and come back. Someone else's attempt is answered exactly like a missing one.
  if (!learner) refuse(request, { signedIn: false });
  const course = await getCourse();
  const review = await reviewAttempt(course, {
    locale,
    learnerId: learner.id,
    moduleId: params.moduleId ?? "",
    lessonId: params.lessonId ?? "",
    attemptId: params.attemptId ?? "",
  });
  if (!review) notFound();
  const module = course.module(locale, params.moduleId!)!;
  const lesson = module.lessons.find((l) => l.id === params.lessonId)!;
  const nextLesson = review.nextLessonId ? module.lessons.find((l) => l.id === review.nextLessonId) : undefined;
  const nextModule = review.nextModuleId ? course.module(locale, review.nextModuleId) : undefined;
  return {
    locale,
    isGuest: learner.kind === "guest",
    module: { id: module.id, title: module.title },
    lesson: { id: lesson.id, title: lesson.title },
    review,
    next: nextLesson ? { id: nextLesson.id, title: nextLesson.title } : null,
    nextModule: nextModule ? { id: nextModule.id, title: nextModule.title } : null,
    title: translate(locale, "result.pageTitle", { title: lesson.title }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function ResultPage() {
  const { locale, isGuest, module, lesson, review, next, nextModule } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lessonUrl = `/${locale}/modules/${module.id}/${lesson.id}`;
  return (
    <div className="page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/${locale}`}>{t("nav.courses")}</Link> › <Link to={`/${locale}/modules/${module.id}`}>{module.title}</Link> ›{" "}
        <Link to={lessonUrl}>{lesson.title}</Link>
      </nav>
      <h1>{t("result.title")}</h1>
      <ScoreBox
        passed={review.passed}
        score={t("result.score", { correct: review.correctCount, total: review.questionCount })}
        verdict={t(review.passed ? "result.passed" : "result.notYet", {
          required: requiredCorrect(review.questionCount, review.passMark),
          total: review.questionCount,
        })}
      />

      <h2>{t("result.nextStep")}</h2>
      <div className="actions">
        {review.passed && next ? (
          <Link className="button button-primary" to={`/${locale}/modules/${module.id}/${next.id}`}>
            {t("result.nextLesson", { title: next.title })}
          </Link>
        ) : null}
        {review.passed && !next ? <p className="done">{t("result.moduleDone", { title: module.title })}</p> : null}
        {review.passed && !next ? (
          <Link className="button button-primary" to={`/${locale}/certificates`}>
            {t("nav.certificates")}
          </Link>
        ) : null}
        {review.passed && !next && nextModule ? (
          <Link className="button button-primary" to={`/${locale}/modules/${nextModule.id}`}>
            {t("result.nextModule", { title: nextModule.title })}
          </Link>
        ) : null}
        {!review.passed ? (
          <Link className="button button-primary" to={`${lessonUrl}#quiz`}>
            {t("result.retry")}
          </Link>
        ) : null}
        <Link className="button" to={`/${locale}/progress`}>
          {t("nav.progress")}
        </Link>
      </div>
      {isGuest ? <GuestNotice locale={locale} /> : null}

      <h2>{t("result.answers")}</h2>
      <AnswerReview questions={review.questions} />
    </div>
  );
}
