import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { notFound, requireLocale, translate } from "~/i18n/locale.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { claimStatus, findSubject, issueContext } from "~/modules/certificates/certificates.server";
import { localised } from "~/modules/content/programme";
import { claimCertificate } from "~/modules/certificates/store.server";
import { normalisePrintedName } from "~/modules/certificates/printed-name";
import { isPrintable } from "~/modules/certificates/pdf.server";
import { getDb } from "~/db.server";
import { AccountLinks } from "~/components/certificates/links";
import { ErrorSummary, Field } from "~/components/forms";
import { readFormData } from "~/modules/http/forms";

async function load(params: LoaderFunctionArgs["params"]) {
  const locale = requireLocale(params);
  const subject = await findSubject(params.subject ?? "");
  if (!subject) notFound();
  return { locale, subject };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, subject } = await load(params);
  const learner = await getCurrentLearner(request);
  const status = await claimStatus(learner, subject, locale);
  if (!status) notFound();
  if (status.decision === "held" && status.existingCode) return redirect(`/${locale}/certificates/${status.existingCode}`);
  const title = localised(subject.title, locale);
  return data(
    {
      locale,
      subjectId: subject.id,
      title,
      status,
      defaultName: learner?.kind === "account" ? (learner.display_name ?? "") : "",
      pageTitle: translate(locale, "certificates:claim.title"),
    },
    { headers: { "Cache-Control": "private, no-cache", Vary: "Cookie" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { locale, subject } = await load(params);
  const here = `/${locale}/certificates/claim/${subject.id}`;
  const learner = await getCurrentLearner(request);
  // Only accounts get certificates: a guest who qualifies is sent to create one, and comes back here.
  if (!learner || learner.kind !== "account") return redirect(`/${locale}/signup?redirectTo=${encodeURIComponent(here)}`);
  const form = await readFormData(request);
  const raw = form.get("printedName");
  const name = normalisePrintedName(raw);
  const value = typeof raw === "string" ? raw.slice(0, 200) : "";
  if (!name.ok) return data({ error: name.error, value }, { status: 400 });
  if (!isPrintable(name.name)) return data({ error: "nameNotPrintable" as const, value }, { status: 400 });
  const result = await claimCertificate(
    await getDb(),
    { learnerId: learner.id, subject: { kind: subject.kind, id: subject.id }, printedName: name.name, locale },
    await issueContext(),
  );
  // With a fragment of its own: a redirect would otherwise keep the form's (#claim-form), as the contest certificate's does.
  if (result.ok) return redirect(`/${locale}/certificates/${result.certificate.code}${result.created ? "?issued=1" : ""}#main`);
  // Not eligible (any more), or revoked: the page shows why.
  return redirect(`${here}#main`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }];

export default function ClaimPage() {
  const { locale, subjectId, title, status, defaultName } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const here = `/${locale}/certificates/claim/${subjectId}`;
  const back = (
    <p>
      <Link to={`/${locale}/certificates`}>{t("certificates:claim.back")}</Link>
    </p>
  );
  return (
    <div className="page narrow">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/${locale}/certificates`}>{t("certificates:title")}</Link>
      </nav>
      <h1>{t("certificates:claim.title")}</h1>
      <p className="lead">{t("certificates:claim.lead", { title })}</p>

      {status.decision === "issue" ? (
        // Posted to #claim-form: without JavaScript the page comes back at the form, its error summary on top.
        <Form method="post" action="#claim-form" id="claim-form" className="form" noValidate>
          {failure?.error ? (
            <ErrorSummary items={[{ href: "#printedName", text: t(`certificates:claim.errors.${failure.error}`) }]} />
          ) : null}
          <Field
            name="printedName"
            label={t("certificates:claim.nameLabel")}
            hint={t("certificates:claim.nameHint")}
            errorPrefix="certificates:claim.errors"
            error={failure?.error}
            autoComplete="name"
            required
            maxLength={80}
            defaultValue={failure?.value ?? defaultName}
          />
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? t("form.sending") : t("certificates:claim.submit")}
          </button>
        </Form>
      ) : status.decision === "needs-account" ? (
        <div className="alert">
          <p>{t("certificates:claim.needsAccount")}</p>
          <AccountLinks locale={locale} here={here} />
        </div>
      ) : status.decision === "revoked" ? (
        <p className="alert">{t("certificates:claim.revoked")}</p>
      ) : (
        <div className="alert">
          <p>{t("certificates:claim.notEligible")}</p>
          {status.lessonsLeft.length ? (
            <>
              <p>{t("certificates:claim.lessonsLeft")}</p>
              <ul>
                {status.lessonsLeft.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            </>
          ) : null}
          {status.practicesLeft.length ? (
            <>
              <p>{t("certificates:claim.practicesLeft")}</p>
              <ul>
                {status.practicesLeft.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            </>
          ) : null}
          {status.modulesLeft.length ? (
            <>
              <p>{t("certificates:claim.modulesLeft")}</p>
              <ul>
                {status.modulesLeft.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      )}
      {back}
    </div>
  );
}
