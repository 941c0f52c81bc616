import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { TextField } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { getDb } from "~/db.server";
import { getCurrentLearner, getOrCreateLearner } from "~/modules/accounts/session.server";
import { readFormData } from "~/modules/http/forms";
import { setNameIfMissing } from "~/modules/classes/classes.server";
import { INVITE_CODE_LENGTH, normaliseCode } from "~/modules/classes/codes";
import { answerInvite, findOpenInvite } from "~/modules/classes/follow.server";
import { displayNameSchema } from "~/modules/classes/validation";
import { readForm } from "~/modules/http/forms";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/** The invited person reads who asks and what would be shared, then agrees or declines. Nothing is shared before. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const code = normaliseCode(params.code ?? "", INVITE_CODE_LENGTH);
  const invite = code ? await findOpenInvite(await getDb(), { code }) : null;
  const learner = await getCurrentLearner(request);
  const body = {
    locale,
    title: translate(locale, "classes:invite.title"),
    invite: invite ? { kind: invite.kind, from: invite.followerName ?? "" } : null,
    own: !!invite && learner?.id === invite.follower_id,
    needsName: !learner?.display_name,
  };
  return data(body, { status: invite ? 200 : 404 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const code = normaliseCode(params.code ?? "", INVITE_CODE_LENGTH);
  const db = await getDb();
  if (!code || !(await findOpenInvite(db, { code })))
    return data(
      { ok: false as const, errors: { form: "inviteGone" } as Record<string, string>, values: {} as Record<string, string> },
      { status: 404 },
    );
  const form = await readFormData(request);
  const agree = form.get("answer") === "agree";
  const current = await getCurrentLearner(request);
  let name: string | null = null;
  if (agree && !current?.display_name) {
    const parsed = readForm(displayNameSchema, form, ["displayName"]);
    if (!parsed.ok) return data(parsed, { status: 400 });
    name = parsed.data.displayName;
  }
  // A "No" is recorded for everyone, also without an account; no guest profile is made for it.
  if (!agree) {
    const result = await answerInvite(db, { code, learnerId: current?.id ?? null, agree: false });
    if (result === "self")
      return data(
        { ok: false as const, errors: { form: "ownInvite" } as Record<string, string>, values: {} as Record<string, string> },
        { status: 400 },
      );
    return redirect(`/${locale}/sharing?${result}=1`);
  }
  const { learner, setCookie } = await getOrCreateLearner(request);
  if (name) await setNameIfMissing(db, { learnerId: learner.id, name });
  const result = await answerInvite(db, { code, learnerId: learner.id, agree });
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (result === "self")
    return data(
      { ok: false as const, errors: { form: "ownInvite" } as Record<string, string>, values: {} as Record<string, string> },
      { status: 400, headers },
    );
  return redirect(`/${locale}/sharing?${result}=1`, { headers });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function InvitePage() {
  const { locale, invite, own, needsName } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  if (!invite) {
    return (
      <div className="page narrow">
        <h1>{t("classes:invite.title")}</h1>
        <p className="alert">{t("classes:errors.inviteGone")}</p>
        <Link to={`/${locale}`}>{t("notFound.home")}</Link>
      </div>
    );
  }
  const errors = failure && !failure.ok ? failure.errors : {};
  return (
    <div className="page narrow">
      <h1>{t(`classes:invite.heading.${invite.kind}`, { name: invite.from })}</h1>
      {errors.form ? (
        <div className="alert alert-error" role="alert">
          <p>{t(`classes:errors.${errors.form}`)}</p>
        </div>
      ) : null}
      {own ? <p className="alert">{t("classes:errors.ownInvite")}</p> : null}
      <h2>{t("classes:invite.sharedHeading")}</h2>
      <ul>
        <li>{t("classes:invite.shared1")}</li>
        <li>{t("classes:invite.shared2")}</li>
        <li>{t("classes:invite.shared3")}</li>
      </ul>
      <h2>{t("classes:invite.notSharedHeading")}</h2>
      <ul>
        <li>{t("classes:invite.notShared1")}</li>
        <li>{t("classes:invite.notShared2")}</li>
      </ul>
      <p>{t("classes:invite.stopAnytime")}</p>
      <p>{t("classes:invite.onePerson")}</p>
      <Form method="post" className="form" noValidate>
        {needsName ? (
          <TextField
            name="displayName"
            label={t("classes:join.yourName")}
            hint={t("classes:invite.nameHint")}
            autoComplete="name"
            maxLength={80}
            defaultValue={failure && !failure.ok ? failure.values.displayName : undefined}
            error={errors.displayName}
          />
        ) : null}
        <div className="actions">
          <button type="submit" name="answer" value="agree" className="button button-primary">
            {t("classes:invite.agree")}
          </button>
          <button type="submit" name="answer" value="decline" className="button">
            {t("classes:invite.decline")}
          </button>
        </div>
      </Form>
    </div>
  );
}
