import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { VerifyForm } from "~/components/certificates/VerifyForm";
import { requireLocale, translate } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/react";
import { codeFromInput, parseCode } from "~/modules/certificates/code";
import { publicPageMeta } from "~/modules/seo/meta";
import { getDb } from "~/db.server";
import { take } from "~/modules/limits/limits.server";
import { retryAfterHeaders, tooManyRequests } from "~/modules/limits/responses.server";

/**
 * The "check a certificate" form. It is a GET form: a code that reads as a code goes to its
 * page; anything else comes back here with what is wrong, before anything is looked up.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const typed = new URL(request.url).searchParams.get("code");
  if (typed !== null) {
    const allowed = await take(await getDb(), [["verifyAddress", [context.clientAddress ?? "unknown"]]]);
    if (!allowed.ok) tooManyRequests(allowed.retryAfterSeconds);
    const parsed = parseCode(codeFromInput(typed));
    // With a fragment of its own: the browser would otherwise keep the form's (#verify-form) and open the verdict at the form below it.
    if (parsed.ok) return redirect(`/${locale}/verify/${parsed.code}#main`);
    return data(
      { locale, value: typed.slice(0, 100), error: parsed.error, title: translate(locale, "certificates:verify.title") },
      { status: 400, headers: { "Cache-Control": "no-cache" } },
    );
  }
  return data(
    { locale, value: "", error: null, title: translate(locale, "certificates:verify.title") },
    { headers: { "Cache-Control": "no-cache" } },
  );
}

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, ...args }) => publicPageMeta(args, data && { title: data.title });

export default function VerifyPage() {
  const { locale, value, error } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t("certificates:verify.title")}</h1>
      <p className="lead">{t("certificates:verify.lead")}</p>
      <VerifyForm locale={locale} value={value} error={error} />
      <p>{t("certificates:verify.what")}</p>
      <p className="hint">{t("certificates:verify.privacy")}</p>
    </div>
  );
}
