import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { MyDataView } from "~/components/accounts/MyDataView";
import { ErrorSummary } from "~/components/forms";
import { useTranslation } from "~/i18n/react";
import { notFound } from "~/i18n/locale.server";
import { deleteAccount, deletionConsequences } from "~/modules/accounts/deletion.server";
import { collectMyData, itemTitles } from "~/modules/accounts/my-data.server";
import { requirePinMember } from "~/modules/accounts/on-behalf.server";
import { readFormData } from "~/modules/http/forms";
import accountsCss from "~/styles/accounts.css?url";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: classesCss },
  { rel: "stylesheet", href: accountsCss },
];

/**
 * A PIN learner's data, for their facilitator, with the learner present (issue 14): what the
 * platform holds, the downloads, and deleting the account on their behalf. Only for learners with
 * a PIN login who are current members of the facilitator's class; anyone else is a 404. Downloads
 * and deletions are recorded in the audit log.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass, db, member } = await requirePinMember(request, params);
  const mine = await collectMyData(db, { learnerId: member.id });
  if (!mine) notFound();
  const titles = await itemTitles(locale);
  const consequences = await deletionConsequences(db, { learnerId: member.id });
  return data(
    { locale, klass: { id: klass.id, name: klass.name }, name: member.name, mine, titles, certificates: consequences.certificates },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { locale, klass, db, member, instructor } = await requirePinMember(request, params);
  const form = await readFormData(request);
  if (form.get("intent") !== "delete") return data({ errors: { form: "badRequest" } as Record<string, string> }, { status: 400 });
  const errors: Record<string, string> = {};
  if (form.get("present") !== "yes") errors.present = "presentRequired";
  if (form.get("confirm") !== "yes") errors.confirm = "confirmRequired";
  if (Object.keys(errors).length) return data({ errors }, { status: 400 });
  await deleteAccount(db, { learnerId: member.id, actorId: instructor.id, classId: klass.id });
  return redirect(`/${locale}/teach/classes/${klass.id}?deleted=1#members`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.name }];

export default function LearnerDataPage() {
  const { locale, klass, name, mine, titles, certificates } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = failure?.errors ?? {};
  const base = `/${locale}/teach/classes/${klass.id}/learners/${mine.account.id}`;
  return (
    <div className="page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/${locale}/teach/classes/${klass.id}`}>{klass.name}</Link> › <Link to={base}>{name}</Link>
      </nav>
      <h1>{t("accounts:onBehalf.title", { name })}</h1>
      <p className="alert">{t("accounts:onBehalf.present")}</p>
      <p>
        {t("accounts:myData.downloadLead")}{" "}
        <a href={`${base}/data/export.json`} download>
          {t("accounts:myData.downloadJson")}
        </a>{" "}
        ·{" "}
        <a href={`${base}/data/export.html`} download>
          {t("accounts:myData.downloadHtml")}
        </a>
      </p>
      <p className="hint">{t("accounts:onBehalf.recorded")}</p>
      <MyDataView data={mine} locale={locale} titles={titles} />
      <section className="danger-box data-section" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t("accounts:onBehalf.deleteTitle", { name })}</h2>
        <p>{t("accounts:delete.goesList")}</p>
        {certificates ? <p>{t("accounts:delete.certificates", { count: certificates })}</p> : null}
        <p>{t("accounts:delete.staysList")}</p>
        <Form method="post" action="#delete-heading" className="form" noValidate>
          {Object.keys(errors).length ? (
            <ErrorSummary
              items={(["present", "confirm"] as const)
                .filter((f) => errors[f])
                .map((f) => ({ href: `#${f}`, text: t(`form.errors.${errors[f]}`) }))}
            />
          ) : null}
          <input type="hidden" name="intent" value="delete" />
          <div className={`option${errors.present ? " field-invalid" : ""}`}>
            <input type="checkbox" id="present" name="present" value="yes" />
            <label htmlFor="present">{t("accounts:onBehalf.presentTick", { name })}</label>
          </div>
          <div className={`option${errors.confirm ? " field-invalid" : ""}`}>
            <input type="checkbox" id="confirm" name="confirm" value="yes" />
            <label htmlFor="confirm">{t("accounts:delete.confirm")}</label>
          </div>
          <button type="submit" className="button button-danger">
            {t("accounts:onBehalf.deleteSubmit", { name })}
          </button>
        </Form>
      </section>
    </div>
  );
}
