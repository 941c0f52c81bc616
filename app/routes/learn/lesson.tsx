import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Link,
  useActionData,
  useLoaderData,
  useRouteLoaderData,
  useSearchParams,
  type ClientActionFunctionArgs,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { KeptOfflineNotice } from "~/components/access/KeptOffline";
import { ReadAloudBar } from "~/components/access/ReadAloud";
import { isKeptOffline, submitOrKeep } from "~/modules/access/offline-submit";
import { useTranslation } from "~/i18n/react";
import { QuizForm } from "~/components/quiz/QuizForm";
import { ShareLink, usePageUrl } from "~/components/share/ShareLink";
import { notFound, requireLocale } from "~/i18n/locale.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { publicQuiz } from "~/modules/content/schema";
import { submitQuiz } from "~/modules/quizzes/submit.server";
import { newSeed } from "~/modules/quizzes/shuffle";
import { loaderHeaders, pageCacheHeaders } from "~/modules/http/cache";
import { HtmlOnce, htmlOnce } from "~/modules/http/html-once";
import { publicPageMeta } from "~/modules/seo/meta";
import { cardImage } from "~/modules/seo/card.server";
import { requiredCorrect } from "~/modules/progress/mastery";

/** The elements holding the lesson's text and its list of sources. */
const LESSON_BODY = "lesson-body";
const LESSON_SOURCES = "lesson-sources";

async function findLesson(params: LoaderFunctionArgs["params"]) {
  const locale = requireLocale(params);
  const course = await getCourse();
  const module = course.module(locale, params.moduleId ?? "");
  const lesson = module?.lessons.find((l) => l.id === params.lessonId);
  if (!module || !lesson) notFound();
  return { locale, module, lesson };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { locale, module, lesson } = await findLesson(params);
  const index = module.lessons.indexOf(lesson);
  return data(
    {
      locale,
      module: { id: module.id, title: module.title, lessonCount: module.lessons.length, passMark: module.passMark },
      lesson: {
        id: lesson.id,
        title: lesson.title,
        summary: lesson.summary,
        minutes: lesson.minutes,
        // Sent once: a page renders them and leaves them out of its hydration data (only a client
        // navigation's data carries them).
        html: htmlOnce(context, LESSON_BODY, lesson.html),
        sourcesHtml: htmlOnce(context, LESSON_SOURCES, lesson.sourcesHtml),
        /** Shown when this locale has no translation yet and the text is in another language. */
        textLocale: lesson.locale,
        position: index + 1,
      },
      // Questions and options only: which options are correct never leaves the server.
      questions: publicQuiz(lesson.quiz),
      // The order the options are shown in, drawn per render. The page is cached for anonymous
      // visitors (decision 8), so they may share one order for a few minutes; anyone with a cookie
      // gets a fresh one. The order is posted back and stored with the attempt.
      seed: newSeed(),
      card: await cardImage(locale, module.id),
    },
    { headers: pageCacheHeaders(request) },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { locale, module, lesson } = await findLesson(params);
  const result = await submitQuiz(request, { locale, lesson, passMark: module.passMark });
  if (!result.ok) return data(result, { status: 400 });
  const headers = new Headers();
  if (result.setCookie) headers.append("Set-Cookie", result.setCookie);
  return redirect(`/${locale}/modules/${module.id}/${lesson.id}/attempts/${result.attemptId}#score`, { headers });
}

/** Offline (or when the network fails), the answers are kept on the device and sent later. */
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs) {
  const title = document.querySelector("h1")?.textContent ?? "";
  return submitOrKeep({ request, serverAction: () => serverAction<typeof action>(), title });
}

/** Answers kept offline changed nothing on the server: no reload (which could not reach it anyway). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  isKeptOffline(actionResult) ? false : defaultShouldRevalidate;

export const headers = loaderHeaders;

/** Nothing here depends on who is signed in: for a learner, a page template (server/page-templates.mjs). */
export const handle = { sameForEveryLearner: true };

export const meta: MetaFunction<typeof loader> = ({ data, ...args }) =>
  publicPageMeta(args, data && { title: data.lesson.title, description: data.lesson.summary, image: data.card, type: "article" });

export default function LessonPage() {
  const { locale, module, lesson, questions, seed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof clientAction>();
  const { t } = useTranslation();
  const kept = isKeptOffline(actionData) ? actionData : undefined;
  const failed = actionData && !isKeptOffline(actionData) && !actionData.ok ? actionData : undefined;
  const shareUrl = usePageUrl(`/${locale}/modules/${module.id}/${lesson.id}`);
  // Opened from a class's QR code (?from=class) by someone not logged in: the PIN card first, so
  // the quiz lands in their own account (issue 18).
  const [params] = useSearchParams();
  const root = useRouteLoaderData("root") as { learner?: { kind: string } | null } | undefined;
  const loginFirst = params.get("from") === "class" && root?.learner?.kind !== "account";
  return (
    <div className="page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/${locale}`}>{t("nav.courses")}</Link> › <Link to={`/${locale}/modules/${module.id}`}>{module.title}</Link>
      </nav>
      <article className="lesson" id="lesson-text" lang={lesson.textLocale}>
        <p className="meta">
          {t("lesson.position", { position: lesson.position, total: module.lessonCount })} ·{" "}
          {t("lesson.minutes", { count: lesson.minutes })}
        </p>
        <h1>{lesson.title}</h1>
        <ReadAloudBar targetId="lesson-text" />
        {lesson.textLocale !== locale ? <p className="alert">{t("lesson.notTranslated")}</p> : null}
        <HtmlOnce id={LESSON_BODY} className="lesson-body" html={lesson.html} />
        <details className="sources">
          <summary>{t("lesson.sources")}</summary>
          <HtmlOnce id={LESSON_SOURCES} html={lesson.sourcesHtml} />
        </details>
      </article>
      <section className="share-section" aria-label={t("share.button")}>
        <p>{t("share.lessonHint")}</p>
        <ShareLink url={shareUrl} title={lesson.title} label={t("share.lessonLabel")} />
      </section>
      <section aria-labelledby="quiz-heading" id="quiz" className="quiz-section" lang={lesson.textLocale}>
        <h2 id="quiz-heading">{t("quiz.title")}</h2>
        {loginFirst ? (
          <p className="alert">
            <Link
              className="button"
              to={`/${locale}/login/pin?${new URLSearchParams({ redirectTo: `/${locale}/modules/${module.id}/${lesson.id}` })}`}
            >
              {t("classes:claim.loginFirst")}
            </Link>
          </p>
        ) : null}
        <p>{t("quiz.intro", { count: questions.length, required: requiredCorrect(questions.length, module.passMark) })}</p>
        <QuizForm
          questions={questions}
          seed={failed ? failed.seed : seed}
          error={failed?.error}
          missing={failed?.missing}
          answers={failed?.answers}
          renewKey={kept?.key}
        />
        {kept ? <KeptOfflineNotice itemKey={kept.key} /> : null}
      </section>
    </div>
  );
}
