import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { ErrorSummary, Field } from "~/components/forms";
import { requireLocale, translate } from "~/i18n/locale.server";
import { formFailureInit, handleSignup } from "~/modules/accounts/auth.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { pageCacheHeaders } from "~/modules/http/cache";
import { actionKeepingReturn } from "~/modules/http/redirect";
import { getDb } from "~/db.server";
import { PlaceChosen, PlaceFields, UnitPicker, placeErrorItems } from "~/components/units/unit-picker";
import { loadUnitPicker } from "~/modules/units/picker.server";
import { publicPageMeta } from "~/modules/seo/meta";
import { retryAfterHeaders } from "~/modules/limits/responses.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const learner = await getCurrentLearner(request);
  // The place picker's state is in the address (?province=&commune=&village=): the same page for everyone.
  const picker = await loadUnitPicker(await getDb(), { search: new URL(request.url).searchParams });
  return data(
    {
      locale,
      picker,
      isGuestWithWork: learner?.kind === "guest",
      isAccount: learner?.kind === "account",
      title: translate(locale, "signup.title"),
    },
    { headers: pageCacheHeaders(request) },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const result = await handleSignup(request, requireLocale(params), context.clientAddress ?? "unknown");
  return result instanceof Response ? result : data(result, formFailureInit(result));
}

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, ...args }) => publicPageMeta(args, data && { title: data.title });

export default function SignupPage() {
  const { locale, isGuestWithWork, isAccount, picker } = useLoaderData<typeof loader>();
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
      <UnitPicker
        picker={picker}
        legend={t("units:place.legend")}
        why={t("units:place.why")}
        keep={params.get("redirectTo") ? { redirectTo: params.get("redirectTo")! } : {}}
      />
      <Form
        method="post"
        action={actionKeepingReturn(params.get("redirectTo"), "signup-form")}
        id="signup-form"
        className="form"
        noValidate
      >
        {Object.keys(errors).length ? (
          <ErrorSummary
            message={errors.form ? t(`form.errors.${errors.form}`, { count: failure?.retryMinutes ?? 0 }) : undefined}
            items={(["displayName", "login", "password"] as const)
              .filter((field) => errors[field])
              .map((field) => ({ href: `#${field}`, text: t(`form.errors.${errors[field]}`, failure?.errorValues?.[field]) }))
              .concat(placeErrorItems(t, errors))}
          />
        ) : null}
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
          errorValues={failure?.errorValues?.login}
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
        <PlaceChosen picker={picker} />
        <PlaceFields audience={failure?.values.audience} birthYear={failure?.values.birthYear} errors={errors} />
        <p className="hint">
          {t("accounts:consent.signup")} <Link to={`/${locale}/privacy`}>{t("accounts:privacy.link")}</Link>
        </p>
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
