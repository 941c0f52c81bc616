import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { AssignedWork } from "~/components/classes/AssignedWork";
import { Notice } from "~/components/classes/ui";
import { ClockTime } from "~/components/contests/ui";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { getDb } from "~/db.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { readFormData } from "~/modules/http/forms";
import { assignedItems } from "~/modules/classes/assigned.server";
import { leaveClass, myClasses } from "~/modules/classes/classes.server";
import { contestsOfClasses } from "~/modules/contests/contests.server";
import { contestStatus } from "~/modules/contests/rules";
import { getCatalogue } from "~/modules/progress/catalogue.server";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/** A learner's own classes: what is assigned, and a way to leave. Only ever the signed-in learner's own. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const learner = await getCurrentLearner(request);
  const db = await getDb();
  const [classes, catalogue] = learner
    ? await Promise.all([myClasses(db, { learnerId: learner.id }), getCatalogue({ locale, learnerId: learner.id })])
    : [[], []];
  const now = new Date();
  const contests = (
    await contestsOfClasses(
      db,
      classes.map((c) => c.id),
      now,
    )
  ).map((c) => ({
    id: c.id,
    classId: c.class_id,
    title: c.title,
    status: contestStatus(c, now),
    opensAt: c.opens_at,
    closesAt: c.closes_at,
  }));
  return {
    locale,
    title: translate(locale, "classes:my.title"),
    classes,
    contests,
    assigned: await assignedItems({ learnerId: learner?.id ?? null, catalogue }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const learner = await getCurrentLearner(request);
  const form = await readFormData(request);
  if (learner && form.get("intent") === "leave") {
    await leaveClass(await getDb(), { classId: String(form.get("classId") ?? ""), learnerId: learner.id });
  }
  return redirect(`/${locale}/classes?left=1`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function MyClassesPage() {
  const { locale, classes, assigned, contests } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t("classes:my.title")}</h1>
      {params.get("joined") ? <Notice>{t("classes:my.joined")}</Notice> : null}
      {params.get("owner") ? <Notice>{t("classes:my.owner")}</Notice> : null}
      {params.get("left") ? <Notice>{t("classes:my.left")}</Notice> : null}
      <AssignedWork items={assigned} locale={locale} />
      {classes.length === 0 ? <p className="empty">{t("classes:my.empty")}</p> : null}
      <ul className="cls-list">
        {classes.map((c) => (
          <li key={c.id} className="card">
            <h2 className="cls-card-title">{c.name}</h2>
            <p className="meta">{[c.ownerName, c.place, c.schedule].filter(Boolean).join(" · ")}</p>
            {(() => {
              const count = assigned.filter((a) => a.classId === c.id).length;
              return count ? (
                <p>
                  <a href="#assigned-heading">{t("classes:my.assignedHere", { count })}</a>
                </p>
              ) : (
                <p>{t("classes:my.nothingAssigned")}</p>
              );
            })()}
            <ClassContests contests={contests.filter((k) => k.classId === c.id)} />
            {/* Leaving is there, but quiet: the smallest thing on the card (issue 18). */}
            <details className="cls-leave">
              <summary>{t("classes:my.leave")}</summary>
              <p>{t("classes:my.leaveHint")}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="leave" />
                <input type="hidden" name="classId" value={c.id} />
                <button type="submit" className="button cls-danger">
                  {t("classes:my.leaveConfirm", { name: c.name })}
                </button>
              </Form>
            </details>
          </li>
        ))}
      </ul>
      <p>
        <Link className="button" to={`/${locale}/join`}>
          {classes.length ? t("classes:my.joinAnother") : t("classes:join.title")}
        </Link>
      </p>
      {/* Teachers find where to ask for the instructor role (issue 11); guests are asked to log in there. */}
      <p>
        <Link to={`/${locale}/teach/request`}>{t("classes:request.link")}</Link>
      </p>
    </div>
  );
}

/** The class's contests on its card: each a link to its page (rules, start, the result once handed in). */
function ClassContests({ contests }: { contests: ReturnType<typeof useLoaderData<typeof loader>>["contests"] }) {
  const { locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!contests.length) return null;
  return (
    <>
      <h3 className="cls-card-subtitle">{t("contests:my.title")}</h3>
      <ul className="cls-contests">
        {contests.map((k) => (
          <li key={k.id}>
            <Link to={`/${locale}/contests/${k.id}`}>{k.title}</Link> · {t(`contests:my.${k.status}`)} ·{" "}
            {k.status === "upcoming" ? t("contests:facts.opens") : t("contests:facts.closes")}{" "}
            <ClockTime iso={k.status === "upcoming" ? k.opensAt : k.closesAt} />
          </li>
        ))}
      </ul>
    </>
  );
}
