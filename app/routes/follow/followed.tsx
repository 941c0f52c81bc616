import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/progress";
import { useTranslation } from "~/i18n/react";
import { notFound, requireLocale, translate } from "~/i18n/locale.server";
import { requireLearner } from "~/modules/classes/access.server";
import { endedLinkOf, endLink, getFollowedPerson } from "~/modules/classes/follow.server";
import { getCatalogue } from "~/modules/progress/catalogue.server";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/** A followed person's progress: only for the follower, only while the link is accepted and not ended. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, db } = await requireLearner(request, { account: true });
  const person = await getFollowedPerson(db, { linkId: params.linkId ?? "", followerId: learner.id });
  if (!person) {
    // Their own link, now ended: say so, rather than a bare "page not found" (issue 18).
    const ended = await endedLinkOf(db, { linkId: params.linkId ?? "", followerId: learner.id });
    if (!ended) notFound();
    return data({ locale, title: translate(locale, `classes:follow.endedBy.${ended}`), ended }, { status: 410 });
  }
  const modules = await getCatalogue({ locale, learnerId: person.learnerId });
  return {
    locale,
    title: person.name ?? person.username ?? "",
    ended: null,
    link: { id: person.id, kind: person.kind },
    name: person.name ?? person.username ?? "",
    modules: modules
      .filter((m) => m.progress.started > 0)
      .map((m) => ({
        id: m.id,
        title: m.title,
        progress: m.progress,
        lessons: m.lessons.map((l) => ({ id: l.id, title: l.title, state: l.state, bestScore: l.bestScore })),
      })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, db } = await requireLearner(request, { account: true });
  const person = await getFollowedPerson(db, { linkId: params.linkId ?? "", followerId: learner.id });
  if (!person) notFound();
  await endLink(db, { linkId: person.id, learnerId: learner.id });
  return redirect(`/${locale}/follow?ended=1`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function FollowedPersonPage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (page.ended) {
    return (
      <div className="page narrow">
        <h1>{t(`classes:follow.endedBy.${page.ended}`)}</h1>
        <p>{t("classes:follow.endedHint")}</p>
        <p>
          <Link className="button" to={`/${page.locale}/follow`}>
            {t("classes:follow.title")}
          </Link>
        </p>
      </div>
    );
  }
  const { locale, link, name, modules } = page;
  return (
    <div className="page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/${locale}/follow`}>{t("classes:follow.title")}</Link>
      </nav>
      <h1>{name}</h1>
      <p className="meta">{t(`classes:follow.kind.${link.kind}`)}</p>
      {modules.length === 0 ? <p className="empty">{t("classes:follow.notStarted")}</p> : null}
      {modules.map((m) => (
        <section key={m.id} aria-labelledby={`m-${m.id}`}>
          <h2 id={`m-${m.id}`}>{m.title}</h2>
          <ProgressBar summary={m.progress} label={t("progress.ofModule", { title: m.title })} />
          <ul className="cls-rows">
            {m.lessons.map((l) => (
              <li key={l.id}>
                <span>{l.title}</span>
                <span className={`badge badge-${l.state}`}>
                  {t(`progress.state.${l.state}`)}
                  {l.bestScore !== null ? ` · ${l.bestScore}%` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <Form method="post" className="cls-box">
        <p>{t("classes:follow.stopHint")}</p>
        <button type="submit" className="button cls-danger">
          {t("classes:follow.stop", { name })}
        </button>
      </Form>
    </div>
  );
}
