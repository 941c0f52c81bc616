import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, Field } from "~/components/forms";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { withNotice } from "~/modules/accounts/auth.server";
import { deleteAccount, deletionConsequences } from "~/modules/accounts/deletion.server";
import { deviceCookieHeader, deviceLearnerIds } from "~/modules/accounts/device.server";
import { verifyPassword } from "~/modules/accounts/password.server";
import { endSession } from "~/modules/accounts/session.server";
import { requireLearner } from "~/modules/classes/access.server";
import { readFormData } from "~/modules/http/forms";
import { PASSWORD_MAX } from "~/modules/accounts/validation";
import accountsCss from "~/styles/accounts.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountsCss }];

/**
 * Deleting one's account (issue 14): a page that says what goes and what stays, a tick to confirm
 * and, for an account with a password, the password: a plain form, no script needed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, db } = await requireLearner(request);
  const consequences = await deletionConsequences(db, { learnerId: learner.id });
  return data(
    { locale, consequences, needsPassword: !!learner.password_hash, title: translate(locale, "accounts:delete.title") },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, db } = await requireLearner(request);
  const form = await readFormData(request);
  const errors: Record<string, string> = {};
  if (form.get("confirm") !== "yes") errors.confirm = "confirmRequired";
  const password = form.get("password");
  if (learner.password_hash) {
    if (typeof password !== "string" || !password) errors.password = "passwordRequired";
    else if (password.length > PASSWORD_MAX || !(await verifyPassword(learner.password_hash, password))) errors.password = "passwordWrong";
  }
  if (Object.keys(errors).length) return data({ errors }, { status: 400 });
  await deleteAccount(db, { learnerId: learner.id });
  const headers = new Headers();
  headers.append("Set-Cookie", await endSession(request));
  const remembered = await deviceLearnerIds(request);
  if (remembered.includes(learner.id))
    headers.append(
      "Set-Cookie",
      await deviceCookieHeader(
        request,
        remembered.filter((id) => id !== learner.id),
      ),
    );
  return redirect(withNotice(`/${locale}`, "accountDeleted"), { headers });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function DeleteAccountPage() {
  const { locale, consequences, needsPassword } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = failure?.errors ?? {};
  return (
    <div className="page narrow">
      <h1>{t("accounts:delete.title")}</h1>
      <p className="lead">{t("accounts:delete.lead")}</p>
      <h2>{t("accounts:delete.goes")}</h2>
      <p>{t("accounts:delete.goesList")}</p>
      {consequences.certificates ? <p>{t("accounts:delete.certificates", { count: consequences.certificates })}</p> : null}
      {consequences.classes.length ? (
        <p className="alert">
          {t("accounts:delete.classes", { count: consequences.classes.length, names: consequences.classes.join(", ") })}
        </p>
      ) : null}
      <h2>{t("accounts:delete.stays")}</h2>
      <p>{t("accounts:delete.staysList")}</p>
      <p>
        <Link to={`/${locale}/my-data`}>{t("accounts:delete.downloadFirst")}</Link>
      </p>
      <Form method="post" action="#delete-form" id="delete-form" className="form danger-box" noValidate>
        {Object.keys(errors).length ? (
          <ErrorSummary
            items={(["confirm", "password"] as const)
              .filter((f) => errors[f])
              .map((f) => ({ href: `#${f}`, text: t(`form.errors.${errors[f]}`) }))}
          />
        ) : null}
        <div className={`option${errors.confirm ? " field-invalid" : ""}`}>
          <input type="checkbox" id="confirm" name="confirm" value="yes" aria-describedby={errors.confirm ? "confirm-error" : undefined} />
          <label htmlFor="confirm">{t("accounts:delete.confirm")}</label>
          {errors.confirm ? (
            <p className="field-error" id="confirm-error">
              {t(`form.errors.${errors.confirm}`)}
            </p>
          ) : null}
        </div>
        {needsPassword ? (
          <Field
            name="password"
            type="password"
            label={t("accounts:delete.password")}
            autoComplete="current-password"
            required
            error={errors.password}
          />
        ) : null}
        <button type="submit" className="button button-danger">
          {t("accounts:delete.submit")}
        </button>
      </Form>
      <p>
        <Link to={`/${locale}/my-data`}>{t("accounts:delete.cancel")}</Link>
      </p>
    </div>
  );
}
