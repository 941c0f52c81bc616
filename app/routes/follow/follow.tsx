import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormAlert, formatTime, Notice, QrCode, TextField } from "~/components/classes/ui";
import { ShareLink } from "~/components/share/ShareLink";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { hasRole } from "~/modules/accounts/roles.server";
import { requireLearner } from "~/modules/classes/access.server";
import { readForm, readFormData } from "~/modules/http/forms";
import { inviteNoteSchema } from "~/modules/classes/validation";
import { qrSvg } from "~/modules/qr/qr-svg";
import { progressOfLearners } from "~/modules/classes/classes.server";
import { formatCode } from "~/modules/classes/codes";
import { createInvite, endLink, listFollowing, MENTEE_TARGET } from "~/modules/classes/follow.server";
import classesCss from "~/styles/classes.css?url";
import { siteOrigin } from "~/modules/http/public-url.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/**
 * The people I follow: as a mentor (Đại sứ số, with the role) or as family (Gia đình số, any
 * account). Only people who agreed appear; invitations wait until they are answered.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, db } = await requireLearner(request, { account: true });
  const [following, isMentor] = await Promise.all([
    listFollowing(db, { followerId: learner.id }),
    hasRole(db, { learnerId: learner.id, role: "mentor" }),
  ]);
  const progress = await progressOfLearners(db, { learnerIds: following.people.map((p) => p.learnerId) });
  const origin = siteOrigin();
  return {
    locale,
    title: translate(locale, "classes:follow.title"),
    isMentor,
    target: MENTEE_TARGET,
    menteeCount: following.people.filter((p) => p.kind === "mentor").length,
    people: following.people.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      since: p.since,
      note: p.note,
      mastered: [...(progress.get(p.learnerId)?.lessons.values() ?? [])].filter((x) => x.passed).length,
    })),
    invites: following.invites.map((i) => {
      const url = `${origin}/${locale}/invite/${i.code}`;
      return { ...i, display: formatCode(i.code), url, qr: qrSvg(url, { quiet: 4 }) };
    }),
    declined: following.declined,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, db } = await requireLearner(request, { account: true });
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "invite") {
    const wantsMentor = form.get("kind") === "mentor";
    if (wantsMentor && !(await hasRole(db, { learnerId: learner.id, role: "mentor" })))
      return data({ error: "notMentor", note: "" }, { status: 403 });
    const parsed = readForm(inviteNoteSchema, form, ["note"]);
    if (!parsed.ok) return data({ error: parsed.errors.note ?? "fieldTooLong", note: parsed.values.note ?? "" }, { status: 400 });
    const invite = await createInvite(db, { followerId: learner.id, kind: wantsMentor ? "mentor" : "family", note: parsed.data.note });
    return redirect(`/${locale}/follow?invited=${invite.id}#invites`);
  }
  if (intent === "end") {
    await endLink(db, { linkId: String(form.get("linkId") ?? ""), learnerId: learner.id });
    return redirect(`/${locale}/follow?ended=1`);
  }
  return data({ error: "unknownAction", note: "" }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function FollowPage() {
  const { locale, isMentor, target, menteeCount, people, invites, declined } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t("classes:follow.title")}</h1>
      <p className="lead">{t("classes:follow.lead")}</p>
      {params.get("ended") ? <Notice>{t("classes:follow.ended")}</Notice> : null}
      {isMentor ? (
        <section className="cls-box" aria-labelledby="target-heading">
          <h2 id="target-heading">{t("classes:follow.mentorHeading")}</h2>
          <p className="cls-target">
            {menteeCount >= target
              ? t("classes:follow.targetReached", { count: menteeCount, target })
              : t("classes:follow.target", { count: menteeCount, target, left: target - menteeCount })}
          </p>
          <progress max={target} value={Math.min(menteeCount, target)} aria-label={t("classes:follow.mentorHeading")} />
        </section>
      ) : null}

      <h2>{t("classes:follow.people", { count: people.length })}</h2>
      {people.length === 0 ? <p className="empty">{t("classes:follow.nobody")}</p> : null}
      <ul className="cls-list">
        {people.map((p) => (
          <li key={p.id} className="card">
            <h3 className="cls-card-title">
              <Link to={`/${locale}/follow/${p.id}`}>{p.name}</Link>
            </h3>
            {p.note ? <p>{p.note}</p> : null}
            <p className="meta">
              {t(`classes:follow.kind.${p.kind}`)} · {t("classes:follow.acceptedOn", { date: formatTime(p.since, locale) })}
            </p>
            <p>{t("classes:follow.masteredCount", { count: p.mastered })}</p>
          </li>
        ))}
      </ul>

      <h2 id="invites">{t("classes:follow.invitesHeading")}</h2>
      {invites.map((i) => (
        <div key={i.id} className={`cls-box${params.get("invited") === i.id ? " cls-new" : ""}`}>
          {params.get("invited") === i.id ? <p role="status">{t("classes:follow.inviteCreated")}</p> : null}
          <h3 className="cls-card-title">{i.note ?? t("classes:follow.noNote")}</h3>
          <p className="meta">
            {t(`classes:follow.kind.${i.kind}`)} · {t("classes:follow.waiting")}
          </p>
          <p>
            {t("classes:follow.inviteCode")}:{" "}
            <strong className="cls-code cls-code-big cls-nowrap" data-invite-code>
              {i.display}
            </strong>
          </p>
          <QrCode qr={i.qr} label={t("classes:follow.inviteQr")} />
          <ShareLink url={i.url} label={t("classes:follow.inviteLink")} />
          <p className="meta">{t("classes:follow.expires", { date: formatTime(i.expiresAt, locale) })}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="end" />
            <input type="hidden" name="linkId" value={i.id} />
            <button type="submit" className="button">
              {t("classes:follow.withdraw")}
            </button>
          </Form>
        </div>
      ))}
      {declined.length ? (
        <>
          <h3>{t("classes:follow.declinedHeading")}</h3>
          <ul className="cls-list">
            {declined.map((d) => (
              <li key={d.id} className="card" data-declined>
                <p>
                  <strong>{d.note ?? t("classes:follow.noNote")}</strong>
                </p>
                <p className="meta">
                  {t(`classes:follow.kind.${d.kind}`)} · {t("classes:follow.declinedOn", { date: formatTime(d.declinedAt, locale) })}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 id="new-invite">{t("classes:follow.createInvite")}</h3>
      <Form method="post" className="form" action={`/${locale}/follow#new-invite`} noValidate>
        {failure?.error && failure.error !== "fieldTooLong" ? <FormAlert error={failure.error} /> : null}
        <input type="hidden" name="intent" value="invite" />
        <TextField
          name="note"
          label={t("classes:follow.note")}
          hint={t("classes:follow.noteHint")}
          maxLength={80}
          defaultValue={failure?.note ?? ""}
          error={failure?.error === "fieldTooLong" ? "fieldTooLong" : undefined}
        />
        {isMentor ? (
          <fieldset className="question">
            <legend>{t("classes:follow.inviteAs")}</legend>
            <div className="option">
              <input type="radio" id="kind-mentor" name="kind" value="mentor" defaultChecked />
              <label htmlFor="kind-mentor">{t("classes:follow.kind.mentor")}</label>
            </div>
            <div className="option">
              <input type="radio" id="kind-family" name="kind" value="family" />
              <label htmlFor="kind-family">{t("classes:follow.kind.family")}</label>
            </div>
          </fieldset>
        ) : (
          <input type="hidden" name="kind" value="family" />
        )}
        <p className="hint">{t("classes:follow.inviteHint")}</p>
        <button type="submit" className="button button-primary">
          {t("classes:follow.createInvite")}
        </button>
      </Form>
      <p>
        <Link to={`/${locale}/sharing`}>{t("classes:sharing.title")}</Link>
      </p>
    </div>
  );
}
