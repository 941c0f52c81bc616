import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { TextField } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { notFound, requireLocale } from "~/i18n/locale.server";
import { getDb } from "~/db.server";
import { getCurrentLearner, getOrCreateLearner } from "~/modules/accounts/session.server";
import { readFormData } from "~/modules/http/forms";
import { findClassByCode, isActiveMember, joinClass, setNameIfMissing, wasRemoved } from "~/modules/classes/classes.server";
import { JOIN_CODE_LENGTH, normaliseCode } from "~/modules/classes/codes";
import { displayNameSchema } from "~/modules/classes/validation";
import { readForm } from "~/modules/http/forms";
import { take } from "~/modules/limits/limits.server";
import { retryAfterHeaders, tooManyRequests } from "~/modules/limits/responses.server";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

async function findClass(params: LoaderFunctionArgs["params"]) {
  const locale = requireLocale(params);
  const code = normaliseCode(params.code ?? "", JOIN_CODE_LENGTH);
  const db = await getDb();
  const klass = code ? await findClassByCode(db, { code }) : null;
  if (!klass) notFound();
  return { locale, klass, db };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass, db } = await findClass(params);
  const learner = await getCurrentLearner(request);
  const member = learner ? await isActiveMember(db, { classId: klass.id, learnerId: learner.id }) : false;
  // Someone the instructor removed stays out (the same link does not bring them back) until added back.
  const removed = learner && !member ? await wasRemoved(db, { classId: klass.id, learnerId: learner.id }) : false;
  return {
    locale,
    title: klass.name,
    klass: { name: klass.name, place: klass.place, schedule: klass.schedule, teacher: klass.ownerName },
    member,
    removed,
    closed: klass.joining_closed_at !== null || klass.archived_at !== null,
    needsName: !learner?.display_name,
    isGuest: !learner || learner.kind === "guest",
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locale, klass, db } = await findClass(params);
  const form = await readFormData(request);
  const current = await getCurrentLearner(request);
  if (klass.joining_closed_at !== null || klass.archived_at !== null) return data({ ok: false as const, closed: true }, { status: 403 });
  // Before any guest is made: per address, per class code, and per learner when there is one.
  const allowed = await take(db, [
    ["joinAddress", [context.clientAddress ?? "unknown"]],
    ["joinCode", [klass.join_code]],
    ...(current ? ([["joinLearner", [current.id]]] as const) : []),
  ]);
  if (!allowed.ok) tooManyRequests(allowed.retryAfterSeconds);
  let name: string | null = null;
  if (!current?.display_name) {
    const parsed = readForm(displayNameSchema, form, ["displayName"]);
    if (!parsed.ok) return data(parsed, { status: 400 });
    name = parsed.data.displayName;
  }
  // A visitor who joins becomes a guest: what they learn is kept and counted for the class.
  const { learner, setCookie } = await getOrCreateLearner(request);
  if (name) await setNameIfMissing(db, { learnerId: learner.id, name });
  const result = await joinClass(db, { classId: klass.id, learnerId: learner.id });
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (result === "removed" || result === "closed") return data({ ok: false as const, closed: true }, { status: 403, headers });
  return redirect(`/${locale}/classes?${result === "owner" ? "owner" : "joined"}=1`, { headers });
}

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function JoinPage() {
  const { locale, klass, member, removed, closed, needsName, isGuest } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <p className="meta">{t("classes:join.invited")}</p>
      <h1>{klass.name}</h1>
      <dl className="cls-facts">
        {klass.teacher ? (
          <>
            <dt>{t("classes:join.teacher")}</dt>
            <dd>{klass.teacher}</dd>
          </>
        ) : null}
        {klass.place ? (
          <>
            <dt>{t("classes:teach.place")}</dt>
            <dd>{klass.place}</dd>
          </>
        ) : null}
        {klass.schedule ? (
          <>
            <dt>{t("classes:teach.schedule")}</dt>
            <dd>{klass.schedule}</dd>
          </>
        ) : null}
      </dl>
      {member ? (
        <>
          <p className="alert">{t("classes:join.already")}</p>
          <Link className="button button-primary" to={`/${locale}/classes`}>
            {t("classes:my.title")}
          </Link>
        </>
      ) : removed ? (
        <p className="alert" role="status">
          {t("classes:join.removed")}
        </p>
      ) : closed || (failure && "closed" in failure) ? (
        <p className="alert" role="status">
          {t("classes:join.closed")}
        </p>
      ) : (
        <>
          <p>{t("classes:join.whatIsShared")}</p>
          {isGuest ? <p className="hint">{t("classes:join.guestNote")}</p> : null}
          <Form method="post" action="#join-form" id="join-form" className="form" noValidate>
            {needsName ? (
              <TextField
                name="displayName"
                label={t("classes:join.yourName")}
                hint={t("classes:join.yourNameHint")}
                autoComplete="name"
                maxLength={80}
                required
                defaultValue={failure && "values" in failure ? failure.values.displayName : undefined}
                error={failure && "errors" in failure ? failure.errors.displayName : undefined}
              />
            ) : null}
            <button type="submit" className="button button-primary">
              {t("classes:join.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
