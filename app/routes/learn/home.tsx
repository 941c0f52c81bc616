import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { ModuleIcon } from "~/components/icons";
import { ProgressBar } from "~/components/progress";
import { requireLocale, translate } from "~/i18n/locale.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { getCatalogue } from "~/modules/progress/catalogue.server";
import { AssignedWork } from "~/components/classes/AssignedWork";
import { assignedItems } from "~/modules/classes/assigned.server";
import { loaderHeaders, pageCacheHeaders } from "~/modules/http/cache";
import { publicPageMeta } from "~/modules/seo/meta";
import { cardImage, COURSE_CARD } from "~/modules/seo/card.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const learner = await getCurrentLearner(request);
  const modules = await getCatalogue({ locale, learnerId: learner?.id ?? null });
  // A learner in a class sees what the class assigned first.
  const assigned = await assignedItems({ learnerId: learner?.id ?? null, catalogue: modules });
  return data(
    {
      locale,
      modules,
      assigned,
      isAccount: learner?.kind === "account",
      title: translate(locale, "site.name"),
      description: translate(locale, "site.description"),
      card: await cardImage(locale, COURSE_CARD),
    },
    { headers: pageCacheHeaders(request) },
  );
}

export const headers = loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, ...args }) =>
  publicPageMeta(args, data && { title: data.title, description: data.description, image: data.card });

export default function Home() {
  const { locale, modules, assigned, isAccount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="lead">{isAccount ? t("home.leadAccount") : t("home.lead")}</p>
      </section>
      <AssignedWork items={assigned} locale={locale} />
      <h2>{t("home.modules")}</h2>
      {modules.length === 0 ? <p className="empty">{t("home.empty")}</p> : null}
      <ul className="cards">
        {modules.map((m) => (
          <li key={m.id} className="card">
            <div className="card-head">
              <ModuleIcon icon={m.icon} />
              <h3>
                <Link to={`/${locale}/modules/${m.id}`}>{m.title}</Link>
              </h3>
            </div>
            <p>{m.summary}</p>
            <p className="meta">{t("module.lessonCount", { count: m.lessons.length })}</p>
            <ProgressBar summary={m.progress} label={t("progress.ofModule", { title: m.title })} />
            {m.nextLessonId ? (
              <Link className="button" to={`/${locale}/modules/${m.id}/${m.nextLessonId}`}>
                {m.progress.started ? t("module.continue") : t("module.start")}
                <span className="visually-hidden">: {m.title}</span>
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
