import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { TextField } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { getDb } from "~/db.server";
import { findClassByCode } from "~/modules/classes/classes.server";
import { joinCodeSchema } from "~/modules/classes/validation";
import { readForm } from "~/modules/http/forms";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/** Typing a join code: a GET form, so it works without JavaScript and can be bookmarked. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const url = new URL(request.url);
  const base = { locale, title: translate(locale, "classes:join.title") };
  if (!url.searchParams.has("code")) return { ...base, error: null, code: "" };
  const form = new FormData();
  form.set("code", url.searchParams.get("code") ?? "");
  const parsed = readForm(joinCodeSchema, form, ["code"]);
  if (!parsed.ok) return { ...base, error: parsed.errors.code ?? "codeInvalid", code: parsed.values.code ?? "" };
  const klass = await findClassByCode(await getDb(), { code: parsed.data.code });
  if (!klass) return { ...base, error: "codeUnknown", code: url.searchParams.get("code") ?? "" };
  throw redirect(`/${locale}/join/${parsed.data.code}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function JoinCodePage() {
  const { error, code } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t("classes:join.title")}</h1>
      <p className="lead">{t("classes:join.lead")}</p>
      <Form method="get" className="form" noValidate>
        <TextField
          name="code"
          label={t("classes:join.code")}
          hint={t("classes:join.codeHint")}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          maxLength={12}
          required
          defaultValue={code}
          error={error ?? undefined}
        />
        <button type="submit" className="button button-primary">
          {t("classes:join.next")}
        </button>
      </Form>
    </div>
  );
}
