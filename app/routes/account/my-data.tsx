import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { MyDataView } from "~/components/accounts/MyDataView";
import { ErrorSummary, Field } from "~/components/forms";
import { useTranslation } from "~/i18n/react";
import { notFound, requireLocale, translate } from "~/i18n/locale.server";
import { giveConsent, isWithdrawable, withdrawConsent } from "~/modules/accounts/consent.server";
import { collectMyData, correctDisplayName, endOtherSessions, itemTitles } from "~/modules/accounts/my-data.server";
import { getCurrentSession } from "~/modules/accounts/session.server";
import { sessionIdOf } from "~/modules/accounts/sessions.server";
import { requireLearner } from "~/modules/classes/access.server";
import { readForm, readFormData } from "~/modules/http/forms";
import { nameField } from "~/modules/names/names";
import accountsCss from "~/styles/accounts.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountsCss }];

/**
 * The learner's own data (issue 14): everything the platform holds about them, downloads as JSON
 * and as a readable page, corrections, consents to withdraw, sessions to end, and the way to
 * delete the account. Every form is a plain post answered by a redirect.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, db } = await requireLearner(request);
  const session = await getCurrentSession(request);
  const mine = await collectMyData(db, { learnerId: learner.id, currentSessionId: session ? sessionIdOf(session.token) : null });
  if (!mine) notFound();
  return data(
    { locale, mine, titles: await itemTitles(locale), title: translate(locale, "accounts:myData.title") },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const nameSchema = z.object({ displayName: nameField({ required: "nameRequired", tooLong: "nameTooLong" }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, db } = await requireLearner(request);
  const form = await readFormData(request);
  const intent = form.get("intent");
  const back = (saved: string) => redirect(`/${locale}/my-data?saved=${saved}#saved`);
  if (intent === "name") {
    const parsed = readForm(nameSchema, form, ["displayName"]);
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    await correctDisplayName(db, { learnerId: learner.id, displayName: parsed.data.displayName });
    return back("name");
  }
  if (intent === "withdraw") {
    const purpose = form.get("purpose");
    if (!isWithdrawable(purpose))
      return data({ errors: { form: "badRequest" } as Record<string, string>, values: {} as Record<string, string> }, { status: 400 });
    await withdrawConsent(db, { learnerId: learner.id, purpose });
    return back(`withdrawn-${purpose}`);
  }
  if (intent === "leaderboard" && learner.kind === "account") {
    await giveConsent(db, { learnerId: learner.id, purpose: "leaderboard" });
    return back("leaderboard");
  }
  if (intent === "end-others") {
    const session = await getCurrentSession(request);
    if (session) await endOtherSessions(db, { learnerId: learner.id, keepSessionId: sessionIdOf(session.token) });
    return back("sessions");
  }
  return data({ errors: { form: "badRequest" } as Record<string, string>, values: {} as Record<string, string> }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const SAVED = ["name", "withdrawn-profile", "withdrawn-leaderboard", "leaderboard", "sessions"];

export default function MyDataPage() {
  const { locale, mine, titles } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const saved = params.get("saved");
  const errors: Record<string, string | undefined> = failure?.errors ?? {};
  const consent = (purpose: string) => mine.consents.find((c) => c.purpose === purpose && !c.withdrawnAt);
  const isAccount = mine.account.kind === "account";
  return (
    <div className="page">
      <h1>{t("accounts:myData.title")}</h1>
      {saved && SAVED.includes(saved) ? (
        <p className="alert alert-success" role="status" id="saved" tabIndex={-1}>
          {t(`accounts:myData.saved.${saved}`)}
        </p>
      ) : null}
      <p className="lead">{t("accounts:myData.lead")}</p>
      <p>
        {t("accounts:myData.downloadLead")}{" "}
        <a href={`/${locale}/my-data/export.json`} download>
          {t("accounts:myData.downloadJson")}
        </a>{" "}
        ·{" "}
        <a href={`/${locale}/my-data/export.html`} download>
          {t("accounts:myData.downloadHtml")}
        </a>
      </p>
      <p>
        <Link to={`/${locale}/privacy`}>{t("accounts:privacy.link")}</Link>
        {isAccount ? (
          <>
            {" "}
            · <Link to={`/${locale}/recovery-codes`}>{t("accounts:recovery.title")}</Link>
          </>
        ) : null}
      </p>

      <section className="data-box data-section" aria-labelledby="correct-heading">
        <h2 id="correct-heading">{t("accounts:myData.correct")}</h2>
        <Form method="post" action="#correct-heading" className="form" noValidate>
          {errors.displayName ? <ErrorSummary items={[{ href: "#displayName", text: t(`form.errors.${errors.displayName}`) }]} /> : null}
          <input type="hidden" name="intent" value="name" />
          <Field
            name="displayName"
            label={t("signup.displayName")}
            hint={t("accounts:myData.nameHint")}
            autoComplete="name"
            required
            defaultValue={failure?.values?.displayName ?? mine.account.displayName ?? ""}
            error={errors.displayName}
          />
          <button type="submit" className="button">
            {t("accounts:myData.saveName")}
          </button>
        </Form>
        <p>
          {t("accounts:myData.placeHint")} <Link to={`/${locale}/profile`}>{t("units:profile.link")}</Link>
        </p>
      </section>

      <section className="data-box data-section" aria-labelledby="consent-heading">
        <h2 id="consent-heading">{t("accounts:consent.choices")}</h2>
        <p>{t("accounts:consent.lead")}</p>
        <h3>{t("accounts:consent.purpose.profile")}</h3>
        {consent("profile") || mine.profile?.unitCode || mine.profile?.audience || mine.profile?.birthYear ? (
          <Form method="post">
            <p>{t("accounts:consent.profileGiven")}</p>
            <input type="hidden" name="intent" value="withdraw" />
            <input type="hidden" name="purpose" value="profile" />
            <button type="submit" className="button">
              {t("accounts:consent.withdrawProfile")}
            </button>
          </Form>
        ) : (
          <p>{t("accounts:consent.profileNone")}</p>
        )}
        {isAccount ? (
          <>
            <h3>{t("accounts:consent.purpose.leaderboard")}</h3>
            <p>{t("accounts:consent.leaderboardWhat")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value={consent("leaderboard") ? "withdraw" : "leaderboard"} />
              <input type="hidden" name="purpose" value="leaderboard" />
              <p>{consent("leaderboard") ? t("accounts:consent.leaderboardYes") : t("accounts:consent.leaderboardNo")}</p>
              <button type="submit" className="button">
                {consent("leaderboard") ? t("accounts:consent.withdrawLeaderboard") : t("accounts:consent.giveLeaderboard")}
              </button>
            </Form>
          </>
        ) : null}
      </section>

      {mine.sessions.length > 1 ? (
        <Form method="post" className="data-section">
          <input type="hidden" name="intent" value="end-others" />
          <button type="submit" className="button">
            {t("accounts:myData.endOthers", { count: mine.sessions.length - 1 })}
          </button>
        </Form>
      ) : null}

      <MyDataView data={mine} locale={locale} titles={titles} />

      <section className="danger-box data-section" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t("accounts:delete.title")}</h2>
        <p>{t("accounts:delete.lead")}</p>
        <Link className="button button-danger" to={`/${locale}/my-data/delete`}>
          {t("accounts:delete.start")}
        </Link>
      </section>
    </div>
  );
}
