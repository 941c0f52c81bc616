import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Field } from "~/components/forms";
import { requireLocale, translate } from "~/i18n/locale.server";
import { handleSignup } from "~/modules/accounts/auth.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { loaderHeaders, pageCacheHeaders } from "~/modules/http/cache";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const learner = await getCurrentLearner(request);
  return data(
    {
      locale,
      isGuestWithWork: learner?.kind === "guest",
      isAccount: learner?.kind === "account",
      title: translate(locale, "signup.title"),
    },
    { headers: pageCacheHeaders(request) },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await handleSignup(request, requireLocale(params));
  return result instanceof Response ? result : data(result, { status: 400 });
}

export const headers = loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function SignupPage() {
  const { locale, isGuestWithWork, isAccount } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errors = failure?.errors ?? {};
  return (
    <div className="page narrow">
      <h1>{t("signup.title")}</h1>
      {isAccount ? <p className="alert">{t("signup.alreadySignedIn")}</p> : null}
      <p className="lead">{isGuestWithWork ? t("signup.keepProgress") : t("signup.lead")}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field
          name="displayName"
          label={t("signup.displayName")}
          hint={t("signup.displayNameHint")}
          autoComplete="name"
          required
          defaultValue={failure?.values.displayName}
          error={errors.displayName}
        />
        <Field
          name="login"
          label={t("signup.login")}
          hint={t("signup.loginHint")}
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
          hint={t("signup.passwordHint")}
          autoComplete="new-password"
          minLength={8}
          required
          error={errors.password}
        />
        <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("form.sending") : t("signup.submit")}
        </button>
      </Form>
      <p>
        {t("signup.haveAccount")} <Link to={`/${locale}/login`}>{t("nav.login")}</Link>
      </p>
    </div>
  );
}
