import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ConfirmBox, FormAlert, Notice } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { getDb } from "~/db.server";
import { countAdmins, findAccountByLogin, listAccounts } from "~/modules/accounts/admin.server";
import { grantRole, isRole, requireRole, revokeRole, roles } from "~/modules/accounts/roles.server";
import { answerRequest, listOpenRequests } from "~/modules/accounts/role-requests.server";
import { readFormData } from "~/modules/http/forms";
import { normaliseLogin } from "~/modules/accounts/validation";
import { grantOfficial, listOfficials, revokeOfficial } from "~/modules/units/officials.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { formatRecoveryCode } from "~/modules/accounts/recovery";
import { issueResetCode } from "~/modules/accounts/recovery.server";
import { getLearner } from "~/modules/accounts/learners.server";
import { formatTime } from "~/components/classes/ui";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/** Administrators grant and take back roles. They see names, login names and roles, never anyone's progress. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireRole(request, "admin");
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 80);
  const db = await getDb();
  const accounts = await listAccounts(db, { search: q });
  const officials = await listOfficials(db);
  // The notice after a change names the person and the role.
  const search = new URL(request.url).searchParams;
  const who = search.get("who") ? await getLearner(db, { learnerId: search.get("who")!.slice(0, 40) }) : null;
  const doneRole = isRole(search.get("role")) ? search.get("role") : null;
  const done = who && doneRole ? { name: who.display_name ?? who.username ?? "", role: doneRole } : null;
  const requests = await listOpenRequests(db);
  const answered = search.get("request");
  return { locale, title: translate(locale, "classes:admin.title"), q, accounts, roles, officials, done, requests, answered };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const admin = await requireRole(request, "admin");
  const db = await getDb();
  const form = await readFormData(request);
  const intent = form.get("intent");
  const role = form.get("role");
  const learnerId = String(form.get("learnerId") ?? "");
  const q = String(form.get("q") ?? "");
  // "Official of unit X": by login name and unit code.
  if (intent === "grant-official" || intent === "revoke-official") {
    const unitCode = String(form.get("unitCode") ?? "").trim();
    const values = { login: String(form.get("login") ?? ""), unitCode };
    if (intent === "revoke-official") {
      await revokeOfficial(db, { learnerId, unitCode });
      await recordAudit(db, { actorId: admin.id, action: "official.revoke", subjectId: learnerId, detail: { unit: unitCode } });
      return redirect(`/${locale}/admin/roles?done=official`);
    }
    const login = normaliseLogin(values.login);
    const account = login ? await findAccountByLogin(db, { login }) : null;
    if (!account) return data({ officialError: "no-account", values }, { status: 400 });
    const granted = await grantOfficial(db, { learnerId: account.id, unitCode, grantedBy: admin.id });
    if (!granted.ok) return data({ officialError: granted.error, values }, { status: 400 });
    await recordAudit(db, { actorId: admin.id, action: "official.grant", subjectId: account.id, detail: { unit: unitCode } });
    return redirect(`/${locale}/admin/roles?done=official`);
  }
  // A teacher's request for a role (issue 11): granted (the role is given) or declined.
  if (intent === "grant-request" || intent === "decline-request") {
    const grant = intent === "grant-request";
    const answered = await answerRequest(db, { requestId: String(form.get("requestId") ?? "").slice(0, 40), adminId: admin.id, grant });
    if (answered)
      await recordAudit(db, {
        actorId: admin.id,
        action: grant ? "role.grant" : "role.decline",
        subjectId: answered.learnerId,
        detail: { role: answered.role, request: true },
      });
    const who = answered ? `&who=${encodeURIComponent(answered.learnerId)}&role=${answered.role}` : "";
    return redirect(`/${locale}/admin/roles?request=${grant ? "granted" : "declined"}${who}#requests`);
  }
  // A one-time reset code for someone who forgot their password, shown once (issue 14).
  if (intent === "reset-code") {
    const issued = await issueResetCode(db, { issuerId: admin.id, learnerId });
    if (!issued) return data({ error: "noSuchAccount" }, { status: 404 });
    const account = await getLearner(db, { learnerId });
    return data(
      {
        resetCode: {
          code: formatRecoveryCode(issued.code),
          expiresAt: issued.expiresAt,
          learnerId,
          name: account?.display_name ?? account?.username ?? "",
        },
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  }
  if (!isRole(role) || (intent !== "grant" && intent !== "revoke")) return data({ error: "unknownAction" }, { status: 400 });
  if (intent === "grant") {
    // The administrator role can change every role and unit: asked again first (works without JavaScript).
    if (role === "admin" && form.get("confirmed") !== "yes") {
      const account = await getLearner(db, { learnerId });
      if (!account) return data({ error: "noSuchAccount" }, { status: 404 });
      return data({ confirmAdmin: { learnerId, name: account.display_name ?? account.username ?? "", q } });
    }
    if (!(await grantRole(db, { learnerId, role, grantedBy: admin.id }))) return data({ error: "noSuchAccount" }, { status: 404 });
    await recordAudit(db, { actorId: admin.id, action: "role.grant", subjectId: learnerId, detail: { role } });
  } else {
    if (role === "admin" && (await countAdmins(db)) <= 1) return data({ error: "lastAdmin" }, { status: 400 });
    if (await revokeRole(db, { learnerId, role }))
      await recordAudit(db, { actorId: admin.id, action: "role.revoke", subjectId: learnerId, detail: { role } });
  }
  return redirect(`/${locale}/admin/roles?q=${encodeURIComponent(q)}&done=${intent}&who=${encodeURIComponent(learnerId)}&role=${role}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function AdminRolesPage() {
  const { locale, q, accounts, roles, officials, done, requests, answered } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t("classes:admin.title")}</h1>
      <p className="lead">{t("classes:admin.lead")}</p>
      {params.get("done") ? (
        <Notice>
          {done && (params.get("done") === "grant" || params.get("done") === "revoke")
            ? t(params.get("done") === "grant" ? "classes:admin.grantedNotice" : "classes:admin.revokedNotice", {
                name: done.name,
                role: t(`classes:roles.${done.role}`),
              })
            : t("classes:admin.saved")}
        </Notice>
      ) : null}
      {failure && "confirmAdmin" in failure ? (
        <ConfirmBox
          id="confirm-admin"
          question={t("classes:admin.confirmAdmin", { name: failure.confirmAdmin.name })}
          detail={t("classes:admin.confirmAdminDetail")}
          yes={t("classes:admin.confirmAdminYes", { name: failure.confirmAdmin.name })}
          no={t("classes:confirm.no")}
          noTo={`/${locale}/admin/roles?q=${encodeURIComponent(failure.confirmAdmin.q)}`}
          fields={{ intent: "grant", role: "admin", learnerId: failure.confirmAdmin.learnerId, q: failure.confirmAdmin.q }}
        />
      ) : null}
      <FormAlert error={failure && "error" in failure ? failure.error : undefined} />
      {failure && "resetCode" in failure ? (
        <div className="alert" role="status">
          <p>
            {t("accounts:reset.issuedFor", { name: failure.resetCode.name })}{" "}
            <strong className="cls-code cls-code-big" data-reset-code>
              {failure.resetCode.code}
            </strong>
          </p>
          <p>{t("accounts:reset.once", { date: formatTime(failure.resetCode.expiresAt, locale) })}</p>
        </div>
      ) : null}
      <section aria-labelledby="requests">
        <h2 id="requests">{t("classes:admin.requests", { count: requests.length })}</h2>
        {answered === "granted" || answered === "declined" ? (
          <Notice>
            {t(answered === "granted" ? "classes:admin.requestGranted" : "classes:admin.requestDeclined", { name: done?.name ?? "" })}
          </Notice>
        ) : null}
        {requests.length === 0 ? <p className="empty">{t("classes:admin.noRequests")}</p> : null}
        <ul className="cls-list">
          {requests.map((r) => (
            <li key={r.id} className="card" data-request>
              <p>
                <strong>{r.name}</strong> <span className="cls-code">{r.username}</span>
              </p>
              <p className="meta">
                {t("classes:admin.requestFor", { role: t(`classes:roles.${r.role}`), time: formatTime(r.createdAt, locale) })}
              </p>
              {r.note ? <p className="cls-note">{r.note}</p> : null}
              <div className="cls-role-forms">
                {(["grant-request", "decline-request"] as const).map((intent) => (
                  <Form method="post" key={intent} className="inline-form">
                    <input type="hidden" name="intent" value={intent} />
                    <input type="hidden" name="requestId" value={r.id} />
                    <button type="submit" className={`button cls-small-button${intent === "grant-request" ? " button-primary" : ""}`}>
                      {t(intent === "grant-request" ? "classes:admin.grant" : "classes:admin.decline", {
                        role: t(`classes:roles.${r.role}`),
                      })}
                      <span className="visually-hidden">: {r.name}</span>
                    </button>
                  </Form>
                ))}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <p>
        <a href={`/${locale}/admin/audit`}>{t("accounts:audit.title")}</a>
      </p>
      <Form method="get" className="form cls-search" role="search">
        <div className="field">
          <label htmlFor="q">{t("classes:admin.search")}</label>
          <input id="q" name="q" type="search" defaultValue={q} autoCapitalize="none" />
        </div>
        <button type="submit" className="button">
          {t("classes:admin.find")}
        </button>
      </Form>
      <h2>{q ? t("classes:admin.results", { count: accounts.length }) : t("classes:admin.withRoles", { count: accounts.length })}</h2>
      <ul className="cls-list">
        {accounts.map((a) => (
          <li key={a.id} className="card">
            <p>
              <strong>{a.name}</strong> <span className="cls-code">{a.username}</span>
            </p>
            <p className="meta">{a.roles.length ? a.roles.map((r) => t(`classes:roles.${r}`)).join(", ") : t("classes:roles.learner")}</p>
            <div className="cls-role-forms">
              {roles.map((role) => {
                const has = a.roles.includes(role);
                return (
                  <Form
                    method="post"
                    key={role}
                    className="inline-form"
                    action={!has && role === "admin" ? `?q=${encodeURIComponent(q)}#confirm-admin` : undefined}
                  >
                    <input type="hidden" name="intent" value={has ? "revoke" : "grant"} />
                    <input type="hidden" name="role" value={role} />
                    <input type="hidden" name="learnerId" value={a.id} />
                    <input type="hidden" name="q" value={q} />
                    <button type="submit" className="button cls-small-button">
                      {t(has ? "classes:admin.revoke" : "classes:admin.grant", { role: t(`classes:roles.${role}`) })}
                      <span className="visually-hidden">: {a.name}</span>
                    </button>
                  </Form>
                );
              })}
              {a.username ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="reset-code" />
                  <input type="hidden" name="learnerId" value={a.id} />
                  <button type="submit" className="button cls-small-button">
                    {t("accounts:reset.issue")}
                    <span className="visually-hidden">: {a.name}</span>
                  </button>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      <section aria-labelledby="officials">
        <h2 id="officials">{t("units:admin.officials")}</h2>
        <p>{t("units:admin.officialsLead")}</p>
        {failure && "officialError" in failure ? (
          <div className="alert alert-error" role="alert">
            <p>{t(`units:units.errors.${failure.officialError}`)}</p>
          </div>
        ) : null}
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="grant-official" />
          <div className="field">
            <label htmlFor="official-login">{t("units:admin.login")}</label>
            <input
              id="official-login"
              name="login"
              autoCapitalize="none"
              defaultValue={failure && "values" in failure ? failure.values.login : ""}
            />
          </div>
          <div className="field">
            <label htmlFor="official-unit">{t("units:admin.unitCode")}</label>
            <input
              id="official-unit"
              name="unitCode"
              autoCapitalize="characters"
              defaultValue={failure && "values" in failure ? failure.values.unitCode : ""}
            />
          </div>
          <button type="submit" className="button">
            {t("units:admin.grant")}
          </button>
        </Form>
        <h3>{t("units:admin.list")}</h3>
        {officials.length ? (
          <ul className="cls-list">
            {officials.map((o) => (
              <li key={`${o.learnerId}-${o.unitCode}`} className="card">
                <p>
                  <strong>{o.name}</strong> <span className="cls-code">{o.username}</span> · {o.unitName} ({o.unitCode})
                </p>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="revoke-official" />
                  <input type="hidden" name="learnerId" value={o.learnerId} />
                  <input type="hidden" name="unitCode" value={o.unitCode} />
                  <button type="submit" className="button cls-small-button">
                    {t("units:admin.revoke")}
                    <span className="visually-hidden">
                      : {o.name}, {o.unitName}
                    </span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("units:admin.none")}</p>
        )}
      </section>
    </div>
  );
}
