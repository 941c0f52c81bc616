import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormAlert, Notice } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { getDb } from "~/db.server";
import { countAdmins, listAccounts } from "~/modules/accounts/admin.server";
import { grantRole, isRole, requireRole, revokeRole, roles } from "~/modules/accounts/roles.server";
import { readFormData } from "~/modules/http/forms";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/** Administrators grant and take back roles. They see names, login names and roles, never anyone's progress. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireRole(request, "admin");
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 80);
  const accounts = await listAccounts(await getDb(), { search: q });
  return { locale, title: translate(locale, "classes:admin.title"), q, accounts, roles };
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
  if (!isRole(role) || (intent !== "grant" && intent !== "revoke")) return data({ error: "unknownAction" }, { status: 400 });
  if (intent === "grant") {
    if (!(await grantRole(db, { learnerId, role, grantedBy: admin.id }))) return data({ error: "noSuchAccount" }, { status: 404 });
  } else {
    if (role === "admin" && (await countAdmins(db)) <= 1) return data({ error: "lastAdmin" }, { status: 400 });
    await revokeRole(db, { learnerId, role });
  }
  return redirect(`/${locale}/admin/roles?q=${encodeURIComponent(q)}&done=${intent}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function AdminRolesPage() {
  const { q, accounts, roles } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t("classes:admin.title")}</h1>
      <p className="lead">{t("classes:admin.lead")}</p>
      {params.get("done") ? <Notice>{t("classes:admin.saved")}</Notice> : null}
      <FormAlert error={failure?.error} />
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
                  <Form method="post" key={role} className="inline-form">
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
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
