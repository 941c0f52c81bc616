import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getDb } from "~/db.server";
import { requireLocale, translate } from "~/i18n/locale.server";
import { requireRole } from "~/modules/accounts/roles.server";
import { codeFromInput, parseCode } from "~/modules/certificates/code";
import { formatCertificateDate } from "~/modules/certificates/document";
import { coreModulesLookup } from "~/modules/certificates/certificates.server";
import {
  dependentCertificates,
  findCertificate,
  normaliseReason,
  recentCertificates,
  revokeCertificate,
} from "~/modules/certificates/store.server";
import { localised } from "~/modules/content/programme";
import { readFormData } from "~/modules/http/forms";
import { recordAudit } from "~/modules/audit/audit.server";
import { PublicUrlNotice } from "~/components/PublicUrlNotice";
import { ErrorSummary, Field, FieldFrame } from "~/components/forms";
import { missingPublicUrl } from "~/modules/http/public-url.server";

/** Administrators only (anyone else gets a 404): find a certificate by code and revoke it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireRole(request, "admin");
  const db = await getDb();
  const url = new URL(request.url);
  const typed = url.searchParams.get("code");
  const view = (c: NonNullable<Awaited<ReturnType<typeof findCertificate>>>, login: string | null) => ({
    code: c.code,
    kind: c.kind,
    name: c.printedName,
    title: localised(c.titles, locale),
    login,
    completedOn: formatCertificateDate(c.completedAt, locale),
    issuedOn: formatCertificateDate(c.issuedAt, locale),
    revoked: c.revoked ? { on: formatCertificateDate(c.revoked.at, locale), reason: c.revoked.reason } : null,
  });
  let lookup: {
    error: string | null;
    typed: string;
    found: ReturnType<typeof view> | null;
    notFound: string | null;
    dependents: string[];
  } | null = null;
  if (typed !== null) {
    const parsed = parseCode(codeFromInput(typed));
    if (!parsed.ok) lookup = { error: parsed.error, typed: typed.slice(0, 100), found: null, notFound: null, dependents: [] };
    else {
      const found = await findCertificate(db, { code: parsed.code });
      const login = found
        ? ((await db.selectFrom("learners").select("username").where("id", "=", found.learnerId).executeTakeFirst())?.username ?? null)
        : null;
      // What revoking it would also revoke: the programme certificate issued on it.
      const dependents = found && !found.revoked ? await dependentCertificates(db, found, await coreModulesLookup()) : [];
      lookup = {
        error: null,
        typed: parsed.code,
        found: found ? view(found, login) : null,
        notFound: found ? null : parsed.code,
        dependents: dependents.map((d) => d.code),
      };
    }
  }
  const recent = (await recentCertificates(db, { limit: 20 })).map((c) => view(c, c.login));
  return data(
    {
      publicUrlMissing: missingPublicUrl(),
      locale,
      lookup,
      recent,
      revokedCode: url.searchParams.get("revoked"),
      alsoRevoked: (url.searchParams.get("also") ?? "")
        .split(",")
        .map((c) => parseCode(c))
        .flatMap((c) => (c.ok ? [c.code] : [])),
      title: translate(locale, "certificates:admin.title"),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const admin = await requireRole(request, "admin");
  const form = await readFormData(request);
  const parsed = parseCode(String(form.get("code") ?? ""));
  // What was typed comes back with a refusal, so nothing is lost.
  const typed = { reason: String(form.get("reason") ?? "").slice(0, 600), allowReissue: form.get("allowReissue") === "on" };
  if (!parsed.ok) return data({ error: "notFound" as const, typed }, { status: 400 });
  const reason = normaliseReason(form.get("reason"));
  if (!reason) return data({ error: "reason" as const, typed }, { status: 400 });
  const result = await revokeCertificate(await getDb(), {
    code: parsed.code,
    reason,
    by: admin.id,
    allowReissue: form.get("allowReissue") === "on",
    coreModulesOf: await coreModulesLookup(),
  });
  if (!result.ok && result.reason === "unknown") return data({ error: "notFound" as const, typed }, { status: 404 });
  if (!result.ok) return data({ error: "alreadyRevoked" as const, typed }, { status: 409 });
  await recordAudit(await getDb(), {
    actorId: admin.id,
    action: "certificate.revoke",
    subjectId: result.certificate.learnerId,
    detail: { code: parsed.code, reason, alsoRevoked: result.alsoRevoked.map((c) => c.code).join(",") || null },
  });
  const also = result.alsoRevoked.map((c) => c.code).join(",");
  // With a fragment of its own: the browser would otherwise keep the form's (#revoke), gone once revoked.
  return redirect(`/${locale}/admin/certificates?code=${parsed.code}&revoked=${parsed.code}${also ? `&also=${also}` : ""}#main`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: "robots", content: "noindex" }];

export default function AdminCertificatesPage() {
  const { publicUrlMissing, locale, lookup, recent, revokedCode, alsoRevoked } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const found = lookup?.found ?? null;
  return (
    <div className="page">
      <h1>{t("certificates:admin.title")}</h1>
      <PublicUrlNotice missing={publicUrlMissing} />
      {revokedCode ? (
        <p className="alert alert-success" role="status">
          {t("certificates:admin.revokedDone", { code: revokedCode })}
          {alsoRevoked.length ? ` ${t("certificates:admin.alsoRevoked", { codes: alsoRevoked.join(", ") })}` : ""}
        </p>
      ) : null}
      <h2>{t("certificates:admin.lookup")}</h2>
      {/* Sent to #lookup: without JavaScript a mistyped code comes back at the form, its error summary on top. */}
      <Form method="get" action="#lookup" id="lookup" className="form" noValidate>
        {lookup?.error ? <ErrorSummary items={[{ href: "#code", text: t(`certificates:verify.errors.${lookup.error}`) }]} /> : null}
        <Field
          name="code"
          label={t("certificates:verify.codeLabel")}
          errorPrefix="certificates:verify.errors"
          error={lookup?.error ?? undefined}
          defaultValue={lookup?.typed ?? ""}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <button type="submit" className="button button-primary">
          {t("certificates:admin.find")}
        </button>
      </Form>
      {lookup?.notFound ? <p className="alert">{t("certificates:admin.notFound", { code: lookup.notFound })}</p> : null}

      {found ? (
        <section aria-labelledby="found-title">
          <h2 id="found-title">{t("certificates:admin.details", { code: found.code })}</h2>
          <dl className="facts">
            <dt>{t("certificates:verify.name")}</dt>
            <dd>{found.name}</dd>
            <dt>{t("certificates:verify.completed")}</dt>
            <dd>
              {t(`certificates:admin.kind.${found.kind}`)}: {found.title}
            </dd>
            <dt>{t("certificates:admin.account")}</dt>
            <dd>{found.login ?? "—"}</dd>
            <dt>{t("certificates:verify.date")}</dt>
            <dd>{found.completedOn}</dd>
            <dt>{t("certificates:admin.issuedAt")}</dt>
            <dd>{found.issuedOn}</dd>
            <dt>{t("certificates:admin.status")}</dt>
            <dd>
              {found.revoked
                ? t("certificates:admin.statusRevoked", { date: found.revoked.on, reason: found.revoked.reason })
                : t("certificates:admin.statusValid")}
            </dd>
          </dl>
          {found.revoked ? null : (
            // Sent to #revoke (keeping ?code=, which the page shows): without JavaScript a refusal comes back at the form.
            <Form method="post" action={`?code=${found.code}#revoke`} id="revoke" className="form revoke-form" noValidate>
              <h3>{t("certificates:admin.revokeTitle")}</h3>
              {failure?.error ? (
                <ErrorSummary
                  message={
                    failure.error === "alreadyRevoked"
                      ? t("certificates:admin.alreadyRevoked")
                      : failure.error === "notFound"
                        ? t("certificates:admin.notFound", { code: found.code })
                        : undefined
                  }
                  items={failure.error === "reason" ? [{ href: "#reason", text: t("certificates:admin.errors.reason") }] : []}
                />
              ) : null}
              <input type="hidden" name="code" value={found.code} />
              {lookup?.dependents.length ? (
                <p className="alert" id="dependents">
                  {t("certificates:admin.dependentWarning", { codes: lookup.dependents.join(", ") })}
                </p>
              ) : null}
              <FieldFrame
                name="reason"
                label={t("certificates:admin.reason")}
                hint={t("certificates:admin.reasonHint")}
                errorPrefix="certificates:admin.errors"
                error={failure?.error === "reason" ? failure.error : undefined}
              >
                {(control) => (
                  <textarea {...control} required minLength={3} maxLength={500} rows={3} defaultValue={failure?.typed.reason} />
                )}
              </FieldFrame>
              <div className="option">
                <input type="checkbox" id="allowReissue" name="allowReissue" defaultChecked={failure?.typed.allowReissue} />
                <label htmlFor="allowReissue">{t("certificates:admin.allowReissue")}</label>
              </div>
              <button type="submit" className="button button-danger" disabled={navigation.state === "submitting"}>
                {t("certificates:admin.revoke")}
              </button>
            </Form>
          )}
        </section>
      ) : null}

      <h2>{t("certificates:admin.recent")}</h2>
      {recent.length === 0 ? (
        <p>{t("certificates:admin.none")}</p>
      ) : (
        <ul className="lesson-list compact">
          {recent.map((c) => (
            <li key={c.code}>
              <Link to={`/${locale}/admin/certificates?code=${c.code}`} className="code">
                {c.code}
              </Link>
              <span>
                {c.name} · {c.title}
              </span>
              <span className="meta">
                {c.issuedOn}
                {c.revoked ? ` · ${t("certificates:admin.statusRevoked", { date: c.revoked.on, reason: c.revoked.reason })}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
