import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { TextField } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { getDb } from "~/db.server";
import { deviceLearnerIds } from "~/modules/accounts/device.server";
import { pinLearnersByIds } from "~/modules/accounts/pin.server";
import { handlePinLogin, pinFailureInit } from "~/modules/accounts/pin-auth.server";
import { retryAfterHeaders } from "~/modules/limits/responses.server";
import { PinError } from "~/components/classes/pin";
import { readFormData } from "~/modules/http/forms";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  // The device may also remember password accounts (decision 32): only PIN learners are listed to switch to.
  const ids = await deviceLearnerIds(request);
  const pinLearners = ids.length ? await pinLearnersByIds(await getDb(), { learnerIds: ids }) : [];
  return { locale, title: translate(locale, "classes:pin.title"), deviceKnowsSomeone: pinLearners.length > 0 };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const result = await handlePinLogin(request, locale, context.clientAddress ?? "unknown", await readFormData(request));
  if (result instanceof Response) return result;
  return data(result, pinFailureInit(result));
}

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function PinLoginPage() {
  const { locale, deviceKnowsSomeone } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errors = failure?.errors ?? {};
  const username = failure?.values.login ?? params.get("u") ?? "";
  return (
    <div className="page narrow">
      <h1>{t("classes:pin.title")}</h1>
      <p className="lead">{t("classes:pin.lead")}</p>
      <PinError failure={failure} />
      {/* A full page load: the next page may be the "was this you?" question, reached by a redirect. */}
      <Form method="post" className="form" noValidate reloadDocument>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField
          name="login"
          label={t("classes:pin.username")}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          defaultValue={username}
          error={errors.login}
        />
        <TextField
          name="pin"
          type="text"
          className="pin-input"
          label={t("classes:pin.pin")}
          hint={t("classes:pin.pinHint")}
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          required
          error={errors.pin}
        />
        <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
          {t("classes:pin.submit")}
        </button>
      </Form>
      <p>{t("classes:pin.forgot")}</p>
      {deviceKnowsSomeone ? (
        <p>
          <Link className="button" to={`/${locale}/switch`}>
            {t("classes:switch.title")}
          </Link>
        </p>
      ) : null}
      <p>
        {t("classes:pin.havePassword")} <Link to={`/${locale}/login`}>{t("nav.login")}</Link>
      </p>
    </div>
  );
}
