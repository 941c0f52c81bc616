import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { TextField } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { inviteCodeSchema } from "~/modules/classes/validation";
import { readForm } from "~/modules/http/forms";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const url = new URL(request.url);
  const base = { locale, title: translate(locale, "classes:invite.enterTitle") };
  if (!url.searchParams.has("code")) return { ...base, error: null, code: "" };
  const form = new FormData();
  form.set("code", url.searchParams.get("code") ?? "");
  const parsed = readForm(inviteCodeSchema, form, ["code"]);
  if (!parsed.ok) return { ...base, error: parsed.errors.code ?? "inviteCodeInvalid", code: parsed.values.code ?? "" };
  throw redirect(`/${locale}/invite/${parsed.data.code}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function InviteCodePage() {
  const { error, code } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t("classes:invite.enterTitle")}</h1>
      <Form method="get" className="form" noValidate>
        <TextField
          name="code"
          label={t("classes:invite.code")}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          maxLength={14}
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
