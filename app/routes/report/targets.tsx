import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { TargetAudience, Unit } from "#db/schema";
import { getDb } from "~/db.server";
import { ErrorSummary, Field } from "~/components/forms";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { readFormData } from "~/modules/http/forms";
import { describeFileRefusal } from "~/modules/units/messages";
import { requireOfficialOf } from "~/modules/units/scope.server";
import { exceedsDenominator, TARGET_AUDIENCES, TARGET_YEAR_MAX, TARGET_YEAR_MIN, targetValuesSchema } from "~/modules/units/targets";
import { importTargetsFile, registeredByAudience, saveTargets, targetsOf } from "~/modules/units/targets.server";
import unitsCss from "~/styles/units.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: unitsCss }];

/** This year in Vietnam (UTC+7). */
const vietnamYear = (now = new Date()) => new Date(now.getTime() + 7 * 3600_000).getUTCFullYear();

function readYear(raw: string | null): { year: number; bad: boolean } {
  if (raw === null || raw === "") return { year: vietnamYear(), bad: false };
  const year = Number(raw);
  return /^\d{4}$/.test(raw) && year >= TARGET_YEAR_MIN && year <= TARGET_YEAR_MAX
    ? { year, bad: false }
    : { year: vietnamYear(), bad: true };
}

const inSubtree = (root: Unit) => (u: Unit) => u.code === root.code || u.province_code === root.code || u.commune_code === root.code;

/** A unit's targets per year and group: the denominator and the share to reach, prefilled from the plan. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { unit } = await requireOfficialOf(request, params.unitCode);
  const db = await getDb();
  const typedYear = new URL(request.url).searchParams.get("year");
  const { year, bad } = readYear(typedYear);
  const [targets, registered] = await Promise.all([targetsOf(db, { unitCode: unit.code, year }), registeredByAudience(db, unit)]);
  return {
    locale,
    unit: { code: unit.code, name: unit.name },
    year,
    badYear: bad,
    /** A refused year comes back as typed (the targets shown are this year's). */
    typedYear: bad ? (typedYear ?? "").slice(0, 10) : null,
    targets: targets.map((target) => ({ ...target, registered: registered[target.audience] })),
    title: translate(locale, "units:targets.title", { year, name: unit.name }),
  };
}

type SaveFailure = { kind: "save"; errors: Partial<Record<string, string>>; values: Record<string, string> };
type ImportResult = { kind: "import"; ok: boolean; messages: string[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, unit } = await requireOfficialOf(request, params.unitCode);
  const db = await getDb();
  const form = await readFormData(request);
  const intent = form.get("intent");
  const t = (key: string, options?: Record<string, unknown>) => translate(locale, key, options);
  if (intent === "import") {
    const file = form.get("file");
    if (!file || typeof file === "string" || file.size === 0)
      return data<ImportResult>({ kind: "import", ok: false, messages: [t("units:targets.errors.no-file")] }, { status: 400 });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await importTargetsFile(db, { bytes, inScope: inSubtree(unit), updatedBy: learner.id });
    if (!result.ok)
      return data<ImportResult>(
        { kind: "import", ok: false, messages: [t("units:targets.notImported"), ...describeFileRefusal(t, result)] },
        { status: 400 },
      );
    return data<ImportResult>({ kind: "import", ok: true, messages: [t("units:targets.imported", { count: result.count })] });
  }
  const { year, bad } = readYear(String(form.get("year") ?? ""));
  const errors: Partial<Record<string, string>> = {};
  const values: Record<string, string> = {};
  const rows: { audience: TargetAudience; denominator: number | null; targetPercent: number }[] = [];
  if (bad) errors.year = "year";
  for (const audience of TARGET_AUDIENCES) {
    const denominator = String(form.get(`denominator-${audience}`) ?? "");
    const targetPercent = String(form.get(`targetPercent-${audience}`) ?? "");
    values[`denominator-${audience}`] = denominator;
    values[`targetPercent-${audience}`] = targetPercent;
    const parsed = targetValuesSchema.safeParse({ denominator, targetPercent });
    if (parsed.success) rows.push({ audience, ...parsed.data });
    else
      for (const issue of parsed.error.issues)
        errors[`${issue.path[0] === "denominator" ? "denominator" : "targetPercent"}-${audience}`] ??= issue.message;
  }
  if (Object.keys(errors).length) return data<SaveFailure>({ kind: "save", errors, values }, { status: 400 });
  await saveTargets(db, { unitCode: unit.code, year, values: rows, updatedBy: learner.id });
  return redirect(`/${locale}/report/units/${unit.code}/targets?year=${year}&saved=1`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function TargetsPage() {
  const { locale, unit, year, badYear, typedYear, targets } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const failure = result?.kind === "save" ? result : undefined;
  const imported = result?.kind === "import" ? result : undefined;
  const yearRange = { min: String(TARGET_YEAR_MIN), max: String(TARGET_YEAR_MAX) };
  const errorText = (key: string | undefined) => (key ? t(`units:targets.errors.${key}`, yearRange) : null);
  return (
    <div className="page units-page">
      <p>
        <Link to={`/${locale}/report/units/${unit.code}`}>{t("units:units.up", { name: unit.name })}</Link>
      </p>
      <h1>{t("units:targets.title", { year, name: unit.name })}</h1>
      <p className="lead">{t("units:targets.lead")}</p>
      {/* A year typed in the address or the form below that is out of range: the current year is shown. */}
      {badYear && !failure ? <ErrorSummary items={[{ href: "#year", text: errorText("year")! }]} /> : null}
      {params.get("saved") && !result ? (
        <p className="alert" role="status">
          {t("units:targets.saved")}
        </p>
      ) : null}
      <Form method="get" className="form cls-search">
        <Field
          name="year"
          label={t("units:targets.year")}
          errorPrefix="units:targets.errors"
          errorValues={yearRange}
          error={badYear ? "year" : undefined}
          inputMode="numeric"
          maxLength={4}
          defaultValue={typedYear ?? String(year)}
        />
        <button type="submit" className="button">
          {t("units:targets.show")}
        </button>
      </Form>
      {/* Sent to #targets-form (keeping the year shown): without JavaScript a refusal comes back at the form, its summary on top. */}
      <Form method="post" action={`?year=${year}#targets-form`} id="targets-form" className="form units-targets" noValidate>
        {failure ? (
          <ErrorSummary
            items={Object.entries(failure.errors).map(([field, key]) => {
              const audience = field.replace(/^(denominator|targetPercent)-/, "");
              return {
                href: `#${field}`,
                text: field === "year" ? errorText(key)! : `${t(`units:audiences.${audience}`)}: ${errorText(key)}`,
              };
            })}
          />
        ) : null}
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="year" value={year} />
        {targets.map((target) => {
          const dKey = `denominator-${target.audience}`;
          const pKey = `targetPercent-${target.audience}`;
          const over = exceedsDenominator(target.registered, target.denominator);
          return (
            <fieldset key={target.audience} className="card" data-audience={target.audience}>
              <legend>{t(`units:audiences.${target.audience}`)}</legend>
              <p className="meta">
                {t("units:targets.registered")}: {target.registered.toLocaleString(locale)}
              </p>
              {over ? (
                <p className="units-warning" role="note">
                  ⚠{" "}
                  {t("units:targets.over", {
                    registered: target.registered.toLocaleString(locale),
                    denominator: target.denominator!.toLocaleString(locale),
                  })}
                </p>
              ) : null}
              <Field
                name={dKey}
                label={t("units:targets.denominator")}
                hint={t("units:targets.denominatorHint")}
                errorPrefix="units:targets.errors"
                error={failure?.errors[dKey]}
                inputMode="numeric"
                defaultValue={failure ? failure.values[dKey] : (target.denominator ?? "")}
              />
              <Field
                name={pKey}
                label={
                  <>
                    {t("units:targets.targetPercent")}
                    {!target.saved ? <span className="meta"> ({t("units:targets.fromPlan")})</span> : null}
                  </>
                }
                errorPrefix="units:targets.errors"
                error={failure?.errors[pKey]}
                inputMode="decimal"
                defaultValue={failure ? failure.values[pKey] : String(target.targetPercent).replace(".", locale === "vi" ? "," : ".")}
              />
            </fieldset>
          );
        })}
        <button type="submit" className="button button-primary">
          {t("units:targets.save")}
        </button>
      </Form>
      <section aria-labelledby="import">
        <h2 id="import">{t("units:targets.import")}</h2>
        <p className="hint">{t("units:targets.importHint")}</p>
        {imported ? (
          <div className={`alert${imported.ok ? "" : " alert-error"}`} role={imported.ok ? "status" : "alert"}>
            {imported.messages.map((m, i) => (
              <p key={i}>{m}</p>
            ))}
          </div>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="form">
          <input type="hidden" name="intent" value="import" />
          <div className="field">
            <label htmlFor="file">{t("units:targets.file")}</label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" />
          </div>
          <button type="submit" className="button">
            {t("units:targets.upload")}
          </button>
        </Form>
      </section>
    </div>
  );
}
