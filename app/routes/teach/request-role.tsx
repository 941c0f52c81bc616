import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatTime, Notice } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { lastAnswer, NOTE_MAX, openRequest, requestRole } from "~/modules/accounts/role-requests.server";
import { hasRole } from "~/modules/accounts/roles.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { requireLearner } from "~/modules/classes/access.server";
import { readFormData } from "~/modules/http/forms";
import { cleanName } from "~/modules/names/names";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/**
 * A teacher asks for the instructor role (issue 11): a note saying where they teach, sent to the
 * administrators, who answer on their roles page. Needs an account (a guest is asked to log in).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, db } = await requireLearner(request, { account: true });
  const [holds, waiting, answered] = await Promise.all([
    hasRole(db, { learnerId: learner.id, role: "instructor" }),
    openRequest(db, { learnerId: learner.id, role: "instructor" }),
    lastAnswer(db, { learnerId: learner.id, role: "instructor" }),
  ]);
  return {
    locale,
    title: translate(locale, "classes:request.title"),
    holds,
    waitingSince: waiting?.created_at ?? null,
    declined: answered?.status === "declined" ? answered.answered_at : null,
    noteMax: NOTE_MAX,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, db } = await requireLearner(request, { account: true });
  const form = await readFormData(request);
  const raw = String(form.get("note") ?? "");
  // Optional; too long is said, and what was typed is kept.
  const cleaned = raw.trim() ? cleanName(raw, NOTE_MAX) : null;
  if (cleaned && !cleaned.ok && cleaned.error === "nameTooLong")
    return data({ error: "noteTooLong", note: raw.slice(0, NOTE_MAX * 4) }, { status: 400 });
  const result = await requestRole(db, { learnerId: learner.id, role: "instructor", note: cleaned?.ok ? cleaned.name : null });
  if (result === "sent")
    await recordAudit(db, { actorId: learner.id, action: "role.request", subjectId: learner.id, detail: { role: "instructor" } });
  return redirect(`/${locale}/teach/request?${result}=1#request-status`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function RequestRolePage() {
  const { locale, holds, waitingSince, declined, noteMax } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t("classes:request.title")}</h1>
      <p className="lead">{t("classes:request.lead")}</p>
      <div id="request-status">
        {holds ? (
          <Notice>
            {t("classes:request.holds")} <Link to={`/${locale}/teach`}>{t("classes:teach.title")}</Link>
          </Notice>
        ) : waitingSince ? (
          <Notice>{t("classes:request.waiting", { time: formatTime(waitingSince, locale) })}</Notice>
        ) : declined ? (
          <p className="alert">{t("classes:request.declined", { time: formatTime(declined, locale) })}</p>
        ) : null}
      </div>
      {holds || waitingSince ? null : (
        <Form method="post" className="form" noValidate action="#request-status">
          {failure?.error ? (
            <div className="alert alert-error error-summary" role="alert">
              <p>
                <a href="#note">{t(`classes:errors.${failure.error}`, { max: noteMax })}</a>
              </p>
            </div>
          ) : null}
          <div className={`field${failure?.error ? " field-invalid" : ""}`}>
            <label htmlFor="note">{t("classes:request.note")}</label>
            <p className="hint" id="note-hint">
              {t("classes:request.noteHint")}
            </p>
            <textarea
              id="note"
              name="note"
              rows={3}
              maxLength={noteMax}
              defaultValue={failure?.note ?? ""}
              aria-describedby="note-hint"
              aria-invalid={failure?.error ? true : undefined}
            />
          </div>
          <button type="submit" className="button button-primary">
            {t("classes:request.send")}
          </button>
        </Form>
      )}
    </div>
  );
}
