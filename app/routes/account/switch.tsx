import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { TextField } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { getDb } from "~/db.server";
import { deviceLearnerIds } from "~/modules/accounts/device.server";
import { handleSwitch, pinFailureInit } from "~/modules/accounts/pin-auth.server";
import { retryAfterHeaders } from "~/modules/limits/responses.server";
import { PinError } from "~/components/classes/pin";
import { pinLearnersByIds } from "~/modules/accounts/pin.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { readFormData } from "~/modules/http/forms";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/**
 * "Đổi người học" on a shared phone: the people who logged in with a PIN on this device, by name;
 * choosing one asks only for their PIN. The list comes from a signed cookie on this device only.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const [ids, current] = await Promise.all([deviceLearnerIds(request), getCurrentLearner(request)]);
  const people = await pinLearnersByIds(await getDb(), { learnerIds: ids });
  return {
    locale,
    title: translate(locale, "classes:switch.title"),
    currentId: current?.id ?? null,
    people: people.map((p) => ({ id: p.id, name: p.name })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const result = await handleSwitch(request, locale, context.clientAddress ?? "unknown", await readFormData(request));
  if (result instanceof Response) return result;
  return data(result, result.errors.form === "notOnDevice" ? { status: 404 } : pinFailureInit(result));
}

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function SwitchPage() {
  const { locale, people, currentId } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const chosenId = failure?.values.learnerId || params.get("learner") || "";
  const chosen = people.find((p) => p.id === chosenId);
  return (
    <div className="page narrow">
      <h1>{t("classes:switch.title")}</h1>
      {chosen ? (
        <>
          <p className="lead">{t("classes:switch.hello", { name: chosen.name })}</p>
          <PinError failure={failure} />
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="learnerId" value={chosen.id} />
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
              error={failure?.errors.pin}
            />
            <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
              {t("classes:pin.submit")}
            </button>
          </Form>
          <p>
            <Link to={`/${locale}/switch`}>{t("classes:switch.notMe")}</Link>
          </p>
        </>
      ) : (
        <>
          <p className="lead">{people.length ? t("classes:switch.lead") : t("classes:switch.empty")}</p>
          {failure?.errors.form ? <PinError failure={failure} /> : null}
          <ul className="cls-people">
            {people.map((p) => (
              <li key={p.id}>
                <Link className="button cls-person-button" to={`?learner=${p.id}`}>
                  {p.name}
                  {p.id === currentId ? <span className="meta"> ({t("classes:switch.current")})</span> : null}
                </Link>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="forget" />
                  <input type="hidden" name="learnerId" value={p.id} />
                  <button type="submit" className="button cls-small-button">
                    {t("classes:switch.forget")}
                    <span className="visually-hidden">: {p.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <p>
            <Link className="button" to={`/${locale}/login/pin`}>
              {t("classes:switch.someoneElse")}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
