import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ClientActionFunctionArgs, type ShouldRevalidateFunction } from "@remix-run/react";
import { KeptOfflineNotice } from "~/components/access/KeptOffline";
import { isKeptOffline, submitOrKeep } from "~/modules/access/offline-submit";
import { PracticeForm } from "~/components/practice/PracticeForm";
import { notFound, requireLocale } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/react";
import { getCourse } from "~/modules/content/course-instance.server";
import { loaderHeaders, pageCacheHeaders } from "~/modules/http/cache";
import { publicPageMeta } from "~/modules/seo/meta";
import { cardImage } from "~/modules/seo/card.server";
import { handlePracticePost, practiceView } from "~/modules/practice/practice.server";
import { requiredCorrect } from "~/modules/progress/mastery";

async function findPractice(params: LoaderFunctionArgs["params"]) {
  const locale = requireLocale(params);
  const course = await getCourse();
  const module = course.module(locale, params.moduleId ?? "");
  const practice = module?.practices.find((p) => p.id === params.practiceId);
  if (!module || !practice) notFound();
  return { locale, module, practice };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, module, practice } = await findPractice(params);
  return data(
    {
      locale,
      module: { id: module.id, title: module.title, passMark: module.passMark },
      practice: {
        id: practice.id,
        title: practice.title,
        summary: practice.summary,
        minutes: practice.minutes,
        textLocale: practice.locale,
      },
      // Tasks without their answers; payment scenarios carry their QR code drawn on the server.
      tasks: practiceView(practice),
      card: await cardImage(locale, module.id),
    },
    { headers: pageCacheHeaders(request) },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { locale, module, practice } = await findPractice(params);
  const result = await handlePracticePost(request, { locale, module, practice });
  if (result.kind === "recorded") {
    const headers = new Headers();
    if (result.setCookie) headers.append("Set-Cookie", result.setCookie);
    return redirect(`/${locale}/modules/${module.id}/practice/${practice.id}/attempts/${result.attemptId}#score`, { headers });
  }
  const { status, kind: _kind, ...state } = result;
  return data(state, { status });
}

/**
 * Offline (or when the network fails), a finished practice is kept on the device and sent later;
 * checking one task needs the server, so it says so instead.
 */
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs) {
  const intent = String((await request.clone().formData()).get("intent") ?? "submit");
  if (intent.startsWith("check:")) {
    if (navigator.onLine === false) return { offlineCheck: true as const };
    try {
      return await serverAction<typeof action>();
    } catch (error) {
      if (error instanceof TypeError) return { offlineCheck: true as const };
      throw error;
    }
  }
  const title = document.querySelector("h1")?.textContent ?? "";
  return submitOrKeep({ request, serverAction: () => serverAction<typeof action>(), title });
}

/** Checking one task changes nothing on the page but its feedback: no need to reload the data. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, actionResult, defaultShouldRevalidate }) =>
  String(formData?.get("intent") ?? "").startsWith("check:") || isKeptOffline(actionResult) ? false : defaultShouldRevalidate;

export const headers = loaderHeaders;

/** Nothing here depends on who is signed in: for a learner, a page template (server/page-templates.mjs). */
export const handle = { sameForEveryLearner: true };

export const meta: MetaFunction<typeof loader> = ({ data, ...args }) =>
  publicPageMeta(args, data && { title: data.practice.title, description: data.practice.summary, image: data.card, type: "article" });

export default function PracticePage() {
  const { locale, module, practice, tasks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof clientAction>();
  const kept = isKeptOffline(actionData) ? actionData : undefined;
  const state = actionData && !kept ? actionData : {};
  const { t } = useTranslation();
  return (
    <div className="page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/${locale}`}>{t("nav.courses")}</Link> › <Link to={`/${locale}/modules/${module.id}`}>{module.title}</Link>
      </nav>
      <div lang={practice.textLocale}>
        <p className="meta">
          {t("practice:label")} · {t("lesson.minutes", { count: practice.minutes })}
        </p>
        <h1>{practice.title}</h1>
        {practice.textLocale !== locale ? <p className="alert">{t("lesson.notTranslated")}</p> : null}
        <p className="lead">{practice.summary}</p>
        <p>{t("practice:intro", { required: requiredCorrect(tasks.length, module.passMark), total: tasks.length })}</p>
        <PracticeForm tasks={tasks} state={state} renewKey={kept?.key} />
        {kept ? <KeptOfflineNotice itemKey={kept.key} /> : null}
      </div>
    </div>
  );
}
