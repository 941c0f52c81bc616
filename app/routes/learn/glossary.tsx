import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { sortGlossary } from "~/modules/content/glossary";
import { loaderHeaders, pageCacheHeaders } from "~/modules/http/cache";

/** The course glossary: every term a lesson explains with <Term>, alphabetically, with the lesson that teaches it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const course = await getCourse();
  const terms = sortGlossary(course.glossary(locale), locale).map((e) => ({
    word: e.word,
    anchor: e.anchor,
    definition: e.definition,
    lesson: { url: `/${locale}/modules/${e.lesson.moduleId}/${e.lesson.id}`, title: e.lesson.title },
  }));
  return data({ locale, terms, title: translate(locale, "glossary.title") }, { headers: pageCacheHeaders(request) });
}

export const headers = loaderHeaders;

/** Nothing here depends on who is signed in: for a learner, a page template (server/page-templates.mjs). */
export const handle = { sameForEveryLearner: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function GlossaryPage() {
  const { terms } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page glossary">
      <h1>{t("glossary.title")}</h1>
      <p className="lead">{t("glossary.lead")}</p>
      {terms.length === 0 ? <p className="empty">{t("glossary.empty")}</p> : null}
      <dl className="glossary-list">
        {terms.map((term) => (
          <div key={term.anchor}>
            <dt id={term.anchor}>{term.word}</dt>
            <dd>
              <p>{term.definition}</p>
              <p className="meta">
                {t("glossary.learnedIn")} <Link to={term.lesson.url}>{term.lesson.title}</Link>
              </p>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
