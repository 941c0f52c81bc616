import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getDb } from "~/db.server";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { findAccountByLogin } from "~/modules/accounts/admin.server";
import { normaliseLogin } from "~/modules/accounts/validation";
import { readFormData } from "~/modules/http/forms";
import { grantOfficial, isOfficialOf, mayGrantOfficial, officialsOfUnit, revokeOfficial } from "~/modules/units/officials.server";
import { requireOfficialOf } from "~/modules/units/scope.server";
import { addVillage, childUnits, getUnit, learnerCountsBelow, mergeVillage, renameUnit, unitPath } from "~/modules/units/units.server";
import unitsCss from "~/styles/units.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: unitsCss }];

/**
 * A unit for its officials: the units below it with how many learners registered in each (numbers
 * only), its villages managed by the commune's officials (add, rename, merge after a confirmation),
 * and who is an official of it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, unit, isAdmin } = await requireOfficialOf(request, params.unitCode);
  const db = await getDb();
  const [path, children, counts, officials] = await Promise.all([
    unitPath(db, unit),
    childUnits(db, unit.code),
    learnerCountsBelow(db, unit),
    officialsOfUnit(db, unit.code),
  ]);
  // Only the units above that this person may see are links.
  const visible = await Promise.all(path.map(async (u) => isAdmin || (await isOfficialOf(db, { learnerId: learner.id, unit: u }))));
  const grantable = [];
  for (const u of [unit, ...children])
    if (await mayGrantOfficial(db, { granterId: learner.id, unit: u })) grantable.push({ code: u.code, name: u.name });
  return {
    locale,
    unit: { code: unit.code, name: unit.name, level: unit.level },
    path: path.map((u, i) => ({ code: u.code, name: u.name, link: visible[i] && u.code !== unit.code })),
    children: children.map((c) => ({ code: c.code, name: c.name, level: c.level, learners: counts.byChild.get(c.code) ?? 0 })),
    onUnit: counts.onUnit,
    total: counts.total,
    officials,
    grantable,
    title: translate(locale, "units:units.title", { name: unit.name }),
  };
}

type Failure = { error: string; values?: Record<string, string> };
type Confirm = { confirm: { from: string; into: string; fromName: string; intoName: string; count: number } };

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, unit } = await requireOfficialOf(request, params.unitCode);
  const db = await getDb();
  const form = await readFormData(request);
  const field = (name: string) => String(form.get(name) ?? "");
  const intent = field("intent");
  const back = (done: string, name = "") =>
    redirect(`/${locale}/report/units/${unit.code}?done=${done}${name ? `&name=${encodeURIComponent(name)}` : ""}`);
  const fail = (error: string, values: Record<string, string> = {}, status = 400) => data<Failure>({ error, values }, { status });
  const villageHere = async (code: string) => {
    const v = await getUnit(db, code);
    return v && v.level === "village" && v.parent_code === unit.code && !v.merged_into ? v : undefined;
  };

  if (intent === "add-village" || intent === "rename" || intent === "merge-check" || intent === "merge") {
    if (unit.level !== "commune") return fail("unknown-action");
    if (intent === "add-village") {
      const result = await addVillage(db, { communeCode: unit.code, name: field("name") });
      return result.ok ? back("added", field("name").trim()) : fail(result.error, { intent, name: field("name") });
    }
    if (intent === "rename") {
      if (!(await villageHere(field("code")))) return fail("not-found");
      const result = await renameUnit(db, { code: field("code"), name: field("name") });
      return result.ok ? back("renamed") : fail(result.error, { intent, code: field("code"), name: field("name") });
    }
    const from = await villageHere(field("from"));
    if (!field("into")) return fail("choose-village", { intent, from: field("from") });
    const into = await villageHere(field("into"));
    if (!from || !into) return fail("not-found");
    if (from.code === into.code) return fail("same-village", { intent, from: from.code });
    if (intent === "merge-check") {
      const moving = await learnerCountsBelow(db, from);
      return data<Confirm>({
        confirm: { from: from.code, into: into.code, fromName: from.name, intoName: into.name, count: moving.total },
      });
    }
    const result = await mergeVillage(db, { from: from.code, into: into.code });
    return result.ok ? back("merged", into.name) : fail(result.error);
  }

  if (intent === "grant" || intent === "revoke") {
    const target = await getUnit(db, field("unitCode"));
    // Only this unit or those directly below it, and only where this person may grant.
    if (!target || (target.code !== unit.code && target.parent_code !== unit.code))
      return fail("no-unit", { intent, login: field("login") });
    if (!(await mayGrantOfficial(db, { granterId: learner.id, unit: target })))
      return fail("not-below", { intent, login: field("login") }, 403);
    if (intent === "grant") {
      const login = normaliseLogin(field("login"));
      const account = login ? await findAccountByLogin(db, { login }) : null;
      if (!account) return fail("no-account", { intent, login: field("login"), unitCode: target.code });
      await grantOfficial(db, { learnerId: account.id, unitCode: target.code, grantedBy: learner.id });
      return back("granted");
    }
    await revokeOfficial(db, { learnerId: field("learnerId"), unitCode: target.code });
    return back("revoked");
  }
  return fail("unknown-action");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const DONE = ["added", "renamed", "merged", "granted", "revoked"];

export default function UnitsPage() {
  const { locale, unit, path, children, onUnit, total, officials, grantable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const failure = result && "error" in result ? result : undefined;
  const confirm = result && "confirm" in result ? result.confirm : undefined;
  const values = failure?.values ?? {};
  const done = params.get("done");
  const isCommune = unit.level === "commune";
  return (
    <div className="page units-page">
      <nav aria-label={t("nav.breadcrumb")}>
        <ol className="units-path">
          <li>
            <Link to={`/${locale}/report`}>{t("reports:indexTitle")}</Link>
          </li>
          {path.map((p) => (
            <li key={p.code}>
              {p.link ? (
                <Link to={`/${locale}/report/units/${p.code}`}>{p.name}</Link>
              ) : (
                <span aria-current={p.code === unit.code ? "page" : undefined}>{p.name}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <h1>{t("units:units.title", { name: unit.name })}</h1>
      <p className="meta">
        {t(`units:levels.${unit.level}`)} · {t("units:units.code")} {unit.code}
      </p>
      <p className="lead" data-testid="unit-total">
        {t("units:units.total", { count: total, name: unit.name })}
      </p>
      <p className="meta">{t("units:units.countsOnly")}</p>
      <p>
        <Link className="button" to={`/${locale}/report/units/${unit.code}/targets`}>
          {t("units:units.targets")}
        </Link>
      </p>
      {done && DONE.includes(done) ? (
        <p className="alert" role="status">
          {t(`units:units.${done}`, { name: params.get("name") ?? "" })}
        </p>
      ) : null}
      {failure ? (
        <div className="alert alert-error" role="alert">
          <p>{t(`units:units.errors.${failure.error}`)}</p>
        </div>
      ) : null}

      {unit.level !== "village" ? (
        <section aria-labelledby="children">
          <h2 id="children">{t("units:units.children")}</h2>
          {children.length || onUnit ? (
            <div className="units-table-wrap" role="region" aria-labelledby="children" tabIndex={0}>
              <table className="units-table">
                <thead>
                  <tr>
                    <th scope="col">{t("units:units.name")}</th>
                    <th scope="col">{t("units:units.code")}</th>
                    <th scope="col" className="num">
                      {t("units:units.learners")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {children.map((c) => (
                    <tr key={c.code} data-unit={c.code}>
                      <th scope="row">
                        <Link to={`/${locale}/report/units/${c.code}`}>{c.name}</Link>
                      </th>
                      <td>{c.code}</td>
                      <td className="num">{c.learners.toLocaleString(locale)}</td>
                    </tr>
                  ))}
                  {onUnit ? (
                    <tr>
                      <th scope="row">{t("units:units.onUnit", { name: unit.name })}</th>
                      <td>{unit.code}</td>
                      <td className="num">{onUnit.toLocaleString(locale)}</td>
                    </tr>
                  ) : null}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t("units:units.noChildren")}</p>
          )}
        </section>
      ) : null}

      {isCommune ? (
        <section aria-labelledby="villages" className="units-villages">
          <h2 id="villages">{t("units:units.villages")}</h2>
          <p>{t("units:units.villagesLead")}</p>
          {confirm ? (
            <div className="card units-confirm" role="alertdialog" aria-labelledby="confirm-title">
              <h3 id="confirm-title">{t("units:units.confirmTitle", { from: confirm.fromName, into: confirm.intoName })}</h3>
              <p>{t("units:units.confirmBody", { count: confirm.count, from: confirm.fromName, into: confirm.intoName })}</p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="merge" />
                <input type="hidden" name="from" value={confirm.from} />
                <input type="hidden" name="into" value={confirm.into} />
                <button type="submit" className="button button-primary">
                  {t("units:units.confirm")}
                </button>
              </Form>
              <Link className="button" to={`/${locale}/report/units/${unit.code}`}>
                {t("units:units.cancel")}
              </Link>
            </div>
          ) : null}
          <Form method="post" className="form units-add">
            <input type="hidden" name="intent" value="add-village" />
            <div className={`field${values.intent === "add-village" ? " field-invalid" : ""}`}>
              <label htmlFor="village-name">{t("units:units.villageName")}</label>
              <input id="village-name" name="name" maxLength={120} defaultValue={values.intent === "add-village" ? values.name : ""} />
            </div>
            <button type="submit" className="button">
              {t("units:units.addVillage")}
            </button>
          </Form>
          <ul className="units-village-list">
            {children.map((v) => (
              <li key={v.code} className="card">
                <p>
                  <strong>{v.name}</strong> <span className="meta">{v.code}</span>
                </p>
                <details open={values.code === v.code || values.from === v.code}>
                  <summary>
                    {t("units:units.rename")} / {t("units:units.merge")}
                    <span className="visually-hidden">: {v.name}</span>
                  </summary>
                  <Form method="post" className="form">
                    <input type="hidden" name="intent" value="rename" />
                    <input type="hidden" name="code" value={v.code} />
                    <div className="field">
                      <label htmlFor={`rename-${v.code}`}>{t("units:units.newName", { name: v.name })}</label>
                      <input
                        id={`rename-${v.code}`}
                        name="name"
                        maxLength={120}
                        defaultValue={values.code === v.code ? values.name : v.name}
                      />
                    </div>
                    <button type="submit" className="button">
                      {t("units:units.rename")}
                    </button>
                  </Form>
                  {children.length > 1 ? (
                    <Form method="post" className="form">
                      <input type="hidden" name="intent" value="merge-check" />
                      <input type="hidden" name="from" value={v.code} />
                      <div className="field">
                        <label htmlFor={`merge-${v.code}`}>{t("units:units.mergeInto", { name: v.name })}</label>
                        <select id={`merge-${v.code}`} name="into" defaultValue="">
                          <option value="">{t("units:units.mergeChoose")}</option>
                          {children
                            .filter((o) => o.code !== v.code)
                            .map((o) => (
                              <option key={o.code} value={o.code}>
                                {o.name}
                              </option>
                            ))}
                        </select>
                      </div>
                      <button type="submit" className="button">
                        {t("units:units.mergeCheck")}
                      </button>
                    </Form>
                  ) : null}
                </details>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="officials">
        <h2 id="officials">{t("units:units.officials", { name: unit.name })}</h2>
        {officials.length ? (
          <ul>
            {officials.map((o) => (
              <li key={o.learnerId}>
                {o.name} <span className="meta">({o.username})</span>
                {grantable.some((g) => g.code === unit.code) ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="unitCode" value={unit.code} />
                    <input type="hidden" name="learnerId" value={o.learnerId} />
                    <button type="submit" className="button cls-small-button">
                      {t("units:units.revoke")}
                      <span className="visually-hidden">: {o.name}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("units:units.noOfficials")}</p>
        )}
        {grantable.length ? (
          <Form method="post" className="form">
            <h3>{t("units:units.grantBelow")}</h3>
            <input type="hidden" name="intent" value="grant" />
            <div className="field">
              <label htmlFor="grant-unit">{t("units:units.grantUnit")}</label>
              <select id="grant-unit" name="unitCode" defaultValue={values.unitCode ?? grantable[0]!.code}>
                {grantable.map((g) => (
                  <option key={g.code} value={g.code}>
                    {g.name} ({g.code})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="grant-login">{t("units:units.grantLogin")}</label>
              <input id="grant-login" name="login" autoCapitalize="none" defaultValue={values.login ?? ""} />
            </div>
            <button type="submit" className="button">
              {t("units:units.grant")}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
