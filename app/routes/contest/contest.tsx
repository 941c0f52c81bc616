import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { ErrorSummary, Field, FieldFrame } from "~/components/forms";
import { ClockTime, Countdown } from "~/components/contests/ui";
import { QuestionFieldset } from "~/components/quiz/QuestionFieldset";
import { useTranslation } from "~/i18n/react";
import { requireLocale } from "~/i18n/locale.server";
import { ATTEMPT_KEY_FIELD } from "~/modules/access/attempt-key";
import {
  contestAction,
  loadContestPage,
  type AnswerFailure,
  type SaveSuccess,
  type StartFailure,
} from "~/modules/contests/take-part.server";
import { leavesDataUnchanged } from "~/modules/http/revalidate";
import { retryAfterHeaders } from "~/modules/limits/responses.server";
import contestsCss from "~/styles/contests.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contestsCss }];

/** A contest's page: what it is and when; the start form; the attempt under way (questions only, never answers). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadContestPage(request, requireLocale(params), params.contestId);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return contestAction(request, requireLocale(params), params.contestId, context.clientAddress ?? "unknown");
}

export const headers = retryAfterHeaders;

/** A saved answer changes nothing else on the page (the choice is on the screen): no reload per tap. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  leavesDataUnchanged(actionResult) ? false : defaultShouldRevalidate;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.contest.title }];

export default function ContestPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { contest, status, attempt } = page;
  return (
    <div className="page narrow contest-page">
      <p className="meta">{t("contests:take.kicker")}</p>
      <h1>{contest.title}</h1>
      <dl className="contest-facts">
        <dt>{t("contests:facts.opens")}</dt>
        <dd>
          <ClockTime iso={contest.opensAt} />
        </dd>
        <dt>{t("contests:facts.closes")}</dt>
        <dd>
          <ClockTime iso={contest.closesAt} />
        </dd>
        <dt>{t("contests:facts.minutes")}</dt>
        <dd>{t("contests:facts.minutesValue", { count: contest.minutes })}</dd>
        <dt>{t("contests:facts.questions")}</dt>
        <dd>{contest.questionCount}</dd>
        <dt>{t("contests:facts.attempts")}</dt>
        <dd>{contest.attemptsAllowed}</dd>
      </dl>
      {contest.rules ? <p className="contest-rules">{contest.rules}</p> : null}
      {attempt ? (
        <AnswerForm attempt={attempt} serverNow={page.now} result={result && result.intent !== "start" ? result : undefined} />
      ) : status === "upcoming" ? (
        <p className="alert" role="status">
          {t("contests:take.upcoming")} <ClockTime iso={contest.opensAt} />
        </p>
      ) : status === "closed" ? (
        <>
          <p className="alert" role="status">
            {t("contests:take.closed")}
          </p>
          {page.finished ? <ResultLink /> : null}
        </>
      ) : page.attemptsLeft === 0 ? (
        <>
          <p className="alert" role="status">
            {t("contests:take.noAttemptsLeft")}
          </p>
          {page.finished ? <ResultLink /> : null}
        </>
      ) : (
        <>
          {page.finished ? <ResultLink /> : null}
          <StartForm failure={result?.intent === "start" ? (result as StartFailure) : undefined} />
        </>
      )}
    </div>
  );
}

function ResultLink() {
  const { locale, contest } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <p>
      <Link to={`/${locale}/contests/${contest.id}/result`}>{t("contests:take.seeResult")}</Link>
    </p>
  );
}

function StartForm({ failure }: { failure?: StartFailure }) {
  const { contest, start } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const errors = failure?.errors ?? {};
  const items = [
    errors.name ? { href: "#name", text: t("contests:start.name") } : null,
    errors.unitCode ? { href: "#unitCode", text: t("contests:start.unit") } : null,
  ].filter((x): x is { href: string; text: string } => x !== null);
  return (
    <section id="start" aria-labelledby="start-heading">
      <h2 id="start-heading">{t("contests:start.title")}</h2>
      <Form method="post" action="#start" className="form" noValidate>
        {failure ? <ErrorSummary message={errors.form ? t(`contests:errors.${errors.form}`) : undefined} items={items} /> : null}
        {start.needsName ? (
          <Field
            name="name"
            errorPrefix="contests:errors"
            label={t("contests:start.name")}
            hint={t("contests:start.nameHint")}
            autoComplete="name"
            maxLength={80}
            defaultValue={failure?.values.name}
            error={errors.name ? `name.${errors.name}` : undefined}
          />
        ) : null}
        {start.units.length ? (
          <FieldFrame
            name="unitCode"
            label={t("contests:start.unit")}
            hint={t("contests:start.unitHint")}
            error={errors.unitCode}
            errorPrefix="contests:errors"
          >
            {(field) => (
              <select {...field} defaultValue={failure?.values.unitCode ?? start.unitCode ?? ""}>
                <option value="">{t("contests:start.unitChoose")}</option>
                {start.units
                  .filter((u) => u.level !== "province")
                  .map((u) => (
                    <option key={u.code} value={u.code}>
                      {u.level === "commune" ? t("contests:start.communeOption", { name: u.name }) : u.name}
                    </option>
                  ))}
              </select>
            )}
          </FieldFrame>
        ) : null}
        <div className="option">
          <input type="checkbox" id="showName" name="showName" value="yes" />
          <label htmlFor="showName">{t("contests:start.showName")}</label>
        </div>
        <p className="hint">{t("contests:start.showNameHint")}</p>
        <p>{t("contests:start.timeNote", { count: contest.minutes })}</p>
        <button type="submit" name="intent" value="start" className="button button-primary">
          {t("contests:start.submit")}
        </button>
      </Form>
    </section>
  );
}

type Attempt = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["attempt"]>;

function AnswerForm({ attempt, serverNow, result }: { attempt: Attempt; serverNow: string; result?: AnswerFailure | SaveSuccess }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const autosave = useFetcher<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  const failure = result && "error" in result ? result : undefined;
  const saved =
    (autosave.data && "savedAt" in autosave.data ? autosave.data : undefined) ?? (result && "savedAt" in result ? result : undefined);
  const answers = failure?.answers ?? attempt.answers;
  // With JavaScript every choice is saved at once, so what was answered in time counts even if the phone dies.
  const onChange = () => {
    if (!formRef.current) return;
    const data = new FormData(formRef.current);
    data.set("intent", "save");
    autosave.submit(data, { method: "post" });
  };
  return (
    <section id="contest-form" aria-labelledby="questions-heading">
      <h2 id="questions-heading">{t("contests:take.title")}</h2>
      <Countdown deadline={attempt.deadline} serverNow={serverNow} />
      <Form method="post" action="#contest-form" className="quiz" noValidate ref={formRef} onChange={onChange}>
        <input type="hidden" name={ATTEMPT_KEY_FIELD} value={attempt.attemptKey} />
        {failure ? <ErrorSummary message={t(`contests:errors.${failure.error}`)} items={[]} /> : null}
        {saved ? (
          <p className="alert" role="status">
            {t("contests:take.saved")} <ClockTime iso={saved.savedAt} />
          </p>
        ) : null}
        {attempt.questions.map((q, index) => (
          <QuestionFieldset key={q.id} question={q} index={index} total={attempt.questions.length} chosen={answers[q.id]} />
        ))}
        <p className="hint">{t("contests:take.saveHint")}</p>
        <div className="contest-buttons">
          <button type="submit" name="intent" value="save" className="button">
            {t("contests:take.save")}
          </button>
          <button type="submit" name="intent" value="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            {t("contests:take.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
