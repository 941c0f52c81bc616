import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatTime, Notice } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { getDb } from "~/db.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { readFormData } from "~/modules/http/forms";
import { endLink, listFollowers } from "~/modules/classes/follow.server";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/** Who can see my progress, and a button to stop each one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const learner = await getCurrentLearner(request);
  const followers = learner ? await listFollowers(await getDb(), { learnerId: learner.id }) : [];
  return { locale, title: translate(locale, "classes:sharing.title"), followers };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const learner = await getCurrentLearner(request);
  const form = await readFormData(request);
  if (learner) await endLink(await getDb(), { linkId: String(form.get("linkId") ?? ""), learnerId: learner.id });
  return redirect(`/${locale}/sharing?stopped=1`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function SharingPage() {
  const { locale, followers } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t("classes:sharing.title")}</h1>
      {params.get("accepted") ? <Notice>{t("classes:sharing.accepted")}</Notice> : null}
      {params.get("declined") ? <Notice>{t("classes:sharing.declined")}</Notice> : null}
      {params.get("already") ? <Notice>{t("classes:sharing.already")}</Notice> : null}
      {params.get("gone") ? <Notice>{t("classes:errors.inviteGone")}</Notice> : null}
      {params.get("stopped") ? <Notice>{t("classes:sharing.stopped")}</Notice> : null}
      <p className="lead">{t("classes:sharing.lead")}</p>
      {followers.length === 0 ? <p className="empty">{t("classes:sharing.nobody")}</p> : null}
      <ul className="cls-list">
        {followers.map((f) => (
          <li key={f.id} className="card">
            <p>
              <strong>{f.name}</strong>
            </p>
            <p className="meta">
              {t(`classes:follow.kind.${f.kind}`)} · {t("classes:follow.since", { date: formatTime(f.since, locale) })}
            </p>
            <Form method="post">
              <input type="hidden" name="linkId" value={f.id} />
              <button type="submit" className="button cls-danger">
                {t("classes:sharing.stop", { name: f.name })}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <p>
        <Link to={`/${locale}/invite`}>{t("classes:invite.enterTitle")}</Link>
      </p>
    </div>
  );
}
