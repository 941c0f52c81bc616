import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatTime } from "~/components/classes/ui";
import { getDb } from "~/db.server";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { requireRole } from "~/modules/accounts/roles.server";
import { auditActions, isAuditAction, type AuditEntry } from "~/modules/audit/actions";
import { listAudit } from "~/modules/audit/audit.server";
import accountsCss from "~/styles/accounts.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountsCss }];

const PAGE = 100;

/** What staff did, when, for whom (issue 14): administrators only, newest first, 100 a page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireRole(request, "admin");
  const search = new URL(request.url).searchParams;
  const action = search.get("action");
  const beforeRaw = search.get("before") ?? "";
  const before = /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(beforeRaw) ? beforeRaw : null;
  const entries = await listAudit(await getDb(), { action: isAuditAction(action) ? action : null, before, limit: PAGE });
  return {
    locale,
    title: translate(locale, "accounts:audit.title"),
    action: isAuditAction(action) ? action : "",
    entries,
    next: entries.length === PAGE ? entries[entries.length - 1]!.at : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

function Person({ who }: { who: AuditEntry["actor"] | AuditEntry["subject"] }) {
  const { t } = useTranslation();
  if (who.kind === "account")
    return (
      <>
        {who.name} {who.username ? <span className="code">({who.username})</span> : null}
      </>
    );
  return <>{t(`accounts:audit.person.${who.kind}`)}</>;
}

export default function AuditPage() {
  const { locale, action, entries, next } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/${locale}/admin/roles`}>{t("classes:admin.title")}</Link>
      </nav>
      <h1>{t("accounts:audit.title")}</h1>
      <p className="lead">{t("accounts:audit.lead")}</p>
      <Form method="get" className="form">
        <div className="field">
          <label htmlFor="action">{t("accounts:audit.filter")}</label>
          <select id="action" name="action" defaultValue={action}>
            <option value="">{t("accounts:audit.all")}</option>
            {auditActions.map((a) => (
              <option key={a} value={a}>
                {t(`accounts:audit.action.${a.replace(".", "-")}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("accounts:audit.show")}
        </button>
      </Form>
      {entries.length === 0 ? (
        <p className="empty">{t("accounts:audit.empty")}</p>
      ) : (
        <div className="data-scroll" tabIndex={0} role="region" aria-labelledby="audit-caption">
          <table className="data-table">
            <caption id="audit-caption" className="visually-hidden">
              {t("accounts:audit.title")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("accounts:audit.when")}</th>
                <th scope="col">{t("accounts:audit.who")}</th>
                <th scope="col">{t("accounts:audit.what")}</th>
                <th scope="col">{t("accounts:audit.forWhom")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatTime(e.at, locale)}</td>
                  <td>
                    <Person who={e.actor} />
                  </td>
                  <td>
                    {t(`accounts:audit.action.${e.action.replace(".", "-")}`)}
                    {Object.entries(e.detail).map(([k, v]) => (
                      <span key={k} className="meta">
                        {" "}
                        · {k}: {String(v)}
                      </span>
                    ))}
                    {e.className ? <span className="meta"> · {e.className}</span> : null}
                  </td>
                  <td>
                    <Person who={e.subject} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? (
        <p>
          <Link to={`?${new URLSearchParams({ ...(action ? { action } : {}), before: next })}`}>{t("accounts:audit.older")}</Link>
        </p>
      ) : null}
    </div>
  );
}
