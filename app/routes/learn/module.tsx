import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { SaveForOffline } from "~/components/access/SaveForOffline";
import { useTranslation } from "~/i18n/react";
import { ModuleIcon } from "~/components/icons";
import { ProgressBar, StateBadge } from "~/components/progress";
import { notFound, requireLocale } from "~/i18n/locale.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { getModuleCard } from "~/modules/progress/catalogue.server";
import { loaderHeaders, pageCacheHeaders } from "~/modules/http/cache";
import { publicPageMeta } from "~/modules/seo/meta";
import { cardImage } from "~/modules/seo/card.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { requiredCorrect } from "~/modules/progress/mastery";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const learner = await getCurrentLearner(request);
  const module = await getModuleCard({ locale, learnerId: learner?.id ?? null, moduleId: params.moduleId ?? "" });
  if (!module) notFound();
  // The pass mark as counts ("3/4", "4/5"), one for each length of quiz in the topic.
  const lengths = [...new Set((await getCourse()).module(locale, module.id)!.lessons.map((l) => l.quiz.questions.length))].sort(
    (a, b) => a - b,
  );
  const passCounts = lengths.map((n) => `${requiredCorrect(n, module.passMark)}/${n}`);
  return data({ locale, module, passCounts, card: await cardImage(locale, module.id) }, { headers: pageCacheHeaders(request) });
}

export const headers = loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, ...args }) =>
  publicPageMeta(args, data && { title: data.module.title, description: data.module.summary, image: data.card });

export default function ModulePage() {
  const { locale, module, passCounts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // Every page of the topic, for "Save this topic for offline use".
  const offlinePaths = useMemo(
    () => [
      `/${locale}/modules/${module.id}`,
      ...module.lessons.map((l) => `/${locale}/modules/${module.id}/${l.id}`),
      ...module.practices.map((p) => `/${locale}/modules/${module.id}/practice/${p.id}`),
    ],
    [locale, module],
  );
  return (
    <div className="page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/${locale}`}>{t("nav.courses")}</Link>
      </nav>
      <div className="module-head">
        <ModuleIcon icon={module.icon} />
        <h1>{module.title}</h1>
      </div>
      <p className="lead">{module.summary}</p>
      <ProgressBar summary={module.progress} label={t("progress.ofModule", { title: module.title })} />
      <p className="meta">{t("module.passMark", { counts: passCounts.join(t("module.or")) })}</p>
      <SaveForOffline paths={offlinePaths} />
      <h2>{t("module.lessons")}</h2>
      <ol className="lesson-list">
        {module.lessons.map((l) => (
          <li key={l.id}>
            <Link to={`/${locale}/modules/${module.id}/${l.id}`} className="lesson-link">
              <span className="lesson-title">{l.title}</span>
              <span className="lesson-summary">{l.summary}</span>
              <span className="meta">
                {t("lesson.minutes", { count: l.minutes })}
                {l.bestScore !== null ? ` · ${t("progress.bestScore", { score: l.bestScore })}` : ""}
              </span>
            </Link>
            <StateBadge state={l.state} />
          </li>
        ))}
      </ol>
      {module.practices.length ? (
        <>
          <h2>{t("module.practice")}</h2>
          <p>{t("module.practiceIntro")}</p>
          <ul className="lesson-list">
            {module.practices.map((p) => (
              <li key={p.id}>
                <Link to={`/${locale}/modules/${module.id}/practice/${p.id}`} className="lesson-link">
                  <span className="lesson-title">{p.title}</span>
                  <span className="lesson-summary">{p.summary}</span>
                  <span className="meta">
                    {t("lesson.minutes", { count: p.minutes })}
                    {p.bestScore !== null ? ` · ${t("progress.bestScore", { score: p.bestScore })}` : ""}
                  </span>
                </Link>
                <span className={`badge badge-${p.state}`}>{t(`practice:state.${p.state}`)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
