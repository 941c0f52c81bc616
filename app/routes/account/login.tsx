import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { ErrorSummary, Field } from "~/components/forms";
import { requireLocale, translate } from "~/i18n/locale.server";
import { formFailureInit, handleLogin } from "~/modules/accounts/auth.server";
import { pageCacheHeaders } from "~/modules/http/cache";
import { actionKeepingReturn } from "~/modules/http/redirect";
import { retryAfterHeaders } from "~/modules/limits/responses.server";
import { publicPageMeta } from "~/modules/seo/meta";

export function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  return data({ locale, title: translate(locale, "login.title") }, { headers: pageCacheHeaders(request) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const result = await handleLogin(request, requireLocale(params), context.clientAddress ?? "unknown");
  if (result instanceof Response) return result;
  return data(result, formFailureInit(result));
}

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, ...args }) => publicPageMeta(args, data && { title: data.title });

export default function LoginPage() {
  const { locale } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errors = failure?.errors ?? {};
  return (
    <div className="page narrow">
      <h1>{t("login.title")}</h1>
      {/* Sent here from a page that needs an account (a result, a class): say so, and that they come back. */}
      {params.get("redirectTo") && !failure ? <p className="alert">{t("login.needed")}</p> : null}
      <Form method="post" action={actionKeepingReturn(params.get("redirectTo"), "login-form")} id="login-form" className="form" noValidate>
        {Object.keys(errors).length ? (
          <ErrorSummary
            message={errors.form ? t(`form.errors.${errors.form}`, { count: failure?.retryMinutes ?? 0 }) : undefined}
            items={(["login", "password"] as const)
              .filter((field) => errors[field])
              .map((field) => ({ href: `#${field}`, text: t(`form.errors.${errors[field]}`) }))}
          />
        ) : null}
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
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
          name="password"
          type="password"
          label={t("signup.password")}
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("form.sending") : t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to={`/${locale}/forgot-password`}>{t("accounts:forgot.loginLink")}</Link>
      </p>
      <p>
        {t("login.noAccount")} <Link to={`/${locale}/signup`}>{t("nav.signup")}</Link>
      </p>
      <p>
        {t("classes:pin.haveCard")} <Link to={`/${locale}/login/pin`}>{t("classes:pin.title")}</Link>
      </p>
    </div>
  );
}
