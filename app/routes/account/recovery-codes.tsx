import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatTime } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { formatRecoveryCode } from "~/modules/accounts/recovery";
import { createRecoverySet, recoveryStatus } from "~/modules/accounts/recovery.server";
import { requireLearner } from "~/modules/classes/access.server";
import { readFormData } from "~/modules/http/forms";
import { siteOrigin } from "~/modules/http/public-url.server";
import accountsCss from "~/styles/accounts.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountsCss }];

/**
 * The learner's printed way back (issue 14): a set of one-time recovery codes, shown once when made
 * (only their hashes are kept), on a page laid out to print: "keep this paper with your ID card".
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, db } = await requireLearner(request);
  const status = learner.kind === "account" ? await recoveryStatus(db, { learnerId: learner.id }) : null;
  return data(
    { locale, isGuest: learner.kind !== "account", status, title: translate(locale, "accounts:recovery.title") },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireLocale(params);
  const { learner, db } = await requireLearner(request, { account: true });
  const intent = (await readFormData(request)).get("intent");
  if (intent !== "create") return data({ codes: null }, { status: 400 });
  const codes = await createRecoverySet(db, { learnerId: learner.id });
  return data(
    {
      codes: codes.map(formatRecoveryCode),
      name: learner.display_name ?? "",
      username: learner.username ?? "",
      madeAt: new Date().toISOString(),
      site: siteOrigin(),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function RecoveryCodesPage() {
  const { locale, isGuest, status } = useLoaderData<typeof loader>();
  const made = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const reset = params.get("reset");
  if (isGuest)
    return (
      <div className="page narrow">
        <h1>{t("accounts:recovery.title")}</h1>
        <p>{t("accounts:recovery.guest")}</p>
        <p>
          <Link className="button button-primary" to={`/${locale}/signup`}>
            {t("nav.signup")}
          </Link>
        </p>
      </div>
    );
  if (made?.codes)
    return (
      <div className="page narrow">
        <div className="no-print">
          <p className="alert alert-success" role="status">
            {t("accounts:recovery.made")}
          </p>
          <p>{t("accounts:recovery.printHint")}</p>
          <p className="actions">
            <button type="button" className="button button-primary" onClick={() => window.print()}>
              {t("accounts:recovery.print")}
            </button>
            <Link className="button" to={`/${locale}/progress`}>
              {t("accounts:recovery.done")}
            </Link>
          </p>
        </div>
        <section className="recovery-sheet" aria-labelledby="sheet-title">
          <h1 id="sheet-title">{t("accounts:recovery.sheetTitle")}</h1>
          <p className="recovery-keep">{t("accounts:recovery.keep")}</p>
          <dl className="facts">
            <dt>{t("accounts:recovery.name")}</dt>
            <dd>{made.name}</dd>
            <dt>{t("signup.login")}</dt>
            <dd className="code">{made.username}</dd>
            <dt>{t("accounts:recovery.madeOn")}</dt>
            <dd>{formatTime(made.madeAt, locale)}</dd>
            <dt>{t("accounts:recovery.where")}</dt>
            <dd>
              {made.site}/{locale}/forgot-password
            </dd>
          </dl>
          <ol className="recovery-codes">
            {made.codes.map((code) => (
              <li key={code} className="code" data-recovery-code>
                {code}
              </li>
            ))}
          </ol>
          <ul className="recovery-rules">
            <li>{t("accounts:recovery.ruleOnce")}</li>
            <li>{t("accounts:recovery.ruleSecret")}</li>
            <li>{t("accounts:recovery.ruleNew")}</li>
          </ul>
        </section>
      </div>
    );
  return (
    <div className="page narrow">
      <h1>{t("accounts:recovery.title")}</h1>
      {reset ? (
        <p className="alert alert-success" role="status" id="notice" tabIndex={-1}>
          {t("accounts:recovery.passwordChanged")}
        </p>
      ) : null}
      <p className="lead">{t("accounts:recovery.lead")}</p>
      {status?.createdAt ? (
        <p>{t("accounts:recovery.status", { date: formatTime(status.createdAt, locale), count: status.unused, total: status.total })}</p>
      ) : (
        <p className="alert">{t("accounts:recovery.none")}</p>
      )}
      {reset === "recovery" || (status && status.createdAt && status.unused <= 2) ? (
        <p className="alert">{t("accounts:recovery.fewLeft")}</p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="create" />
        <button type="submit" className="button button-primary">
          {status?.createdAt ? t("accounts:recovery.remake") : t("accounts:recovery.create")}
        </button>
      </Form>
      {status?.createdAt ? <p className="hint">{t("accounts:recovery.remakeHint")}</p> : null}
      <p>
        <Link to={`/${locale}/my-data`}>{t("accounts:myData.link")}</Link>
      </p>
    </div>
  );
}
