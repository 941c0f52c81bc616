import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, Field } from "~/components/forms";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { formFailureInit } from "~/modules/accounts/auth.server";
import { handleReset } from "~/modules/accounts/reset-form.server";
import { pageCacheHeaders } from "~/modules/http/cache";
import { retryAfterHeaders } from "~/modules/limits/responses.server";
import { publicPageMeta } from "~/modules/seo/meta";

/** "Quên mật khẩu?": the two ways back, in plain words, and the form that uses either (issue 14). */
export function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  return data({ locale, title: translate(locale, "accounts:forgot.title") }, { headers: pageCacheHeaders(request) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const result = await handleReset(request, requireLocale(params), context.clientAddress ?? "unknown");
  if (result instanceof Response) return result;
  return data(result, formFailureInit(result));
}

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, ...args }) => publicPageMeta(args, data && { title: data.title });

export default function ForgotPasswordPage() {
  const { locale } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errors = failure?.errors ?? {};
  return (
    <div className="page narrow">
      <h1>{t("accounts:forgot.title")}</h1>
      <p className="lead">{t("accounts:forgot.lead")}</p>
      <h2>{t("accounts:forgot.wayPaper")}</h2>
      <p>{t("accounts:forgot.wayPaperBody")}</p>
      <h2>{t("accounts:forgot.wayPerson")}</h2>
      <p>{t("accounts:forgot.wayPersonBody")}</p>
      <p className="hint">{t("accounts:forgot.pinNote")}</p>
      <h2 id="reset-heading">{t("accounts:forgot.formTitle")}</h2>
      <Form method="post" action="#reset-form" id="reset-form" className="form" noValidate aria-labelledby="reset-heading">
        {Object.keys(errors).length ? (
          <ErrorSummary
            message={errors.form ? t(`form.errors.${errors.form}`, { count: failure?.retryMinutes ?? 0 }) : undefined}
            items={(["login", "code", "password"] as const)
              .filter((field) => errors[field])
              .map((field) => ({ href: `#${field}`, text: t(`form.errors.${errors[field]}`) }))}
          />
        ) : null}
        <Field
          name="login"
          label={t("signup.login")}
          autoComplete="username"
          autoCapitalize="none"
          required
          defaultValue={failure?.values.login}
          error={errors.login}
        />
        <Field
          name="code"
          label={t("accounts:forgot.code")}
          hint={t("accounts:forgot.codeHint")}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          required
          error={errors.code}
        />
        <Field
          name="password"
          type="password"
          label={t("accounts:forgot.newPassword")}
          hint={t("signup.passwordHint")}
          autoComplete="new-password"
          minLength={8}
          required
          error={errors.password}
        />
        <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("form.sending") : t("accounts:forgot.submit")}
        </button>
      </Form>
      <p>
        <Link to={`/${locale}/login`}>{t("accounts:forgot.backToLogin")}</Link> ·{" "}
        <Link to={`/${locale}/privacy`}>{t("accounts:privacy.link")}</Link>
      </p>
    </div>
  );
}
