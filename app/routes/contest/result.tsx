import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AccountLinks } from "~/components/certificates/links";
import { ClockTime, Duration } from "~/components/contests/ui";
import { ErrorSummary, Field } from "~/components/forms";
import { useTranslation } from "~/i18n/react";
import { requireLocale } from "~/i18n/locale.server";
import { contestCertificateAction, loadOwnResult } from "~/modules/contests/take-part.server";
import contestsCss from "~/styles/contests.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contestsCss }];

/** A participant's own result: the explanations only once the contest has closed. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadOwnResult(request, requireLocale(params), params.contestId);
}

/** Claiming the certificate of participation (or prize) once the contest has closed. */
export async function action({ request, params }: ActionFunctionArgs) {
  return contestCertificateAction(request, requireLocale(params), params.contestId);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.contest.title }];

export default function ContestResultPage() {
  const { locale, contest, closed, entry, standing, review, certificate } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="page narrow contest-page">
      <p>
        <Link to={`/${locale}/contests/${contest.id}`}>{contest.title}</Link>
      </p>
      <h1 id="score">{t("contests:result.title")}</h1>
      {params.get("late") ? (
        <div className="alert alert-error" role="alert">
          <p>{t("contests:result.late")}</p>
          <p>{t("contests:result.keptAnswers", { count: entry.answered, total: entry.total })}</p>
        </div>
      ) : null}
      <dl className="contest-facts">
        <dt>{t("contests:result.handedIn")}</dt>
        <dd>
          <ClockTime iso={entry.submittedAt} />
          {entry.late ? ` ${t("contests:result.closedByTime")}` : ""}
        </dd>
        <dt>{t("contests:result.time")}</dt>
        <dd>
          <Duration ms={entry.durationMs} />
        </dd>
        {entry.score !== null ? (
          <>
            <dt>{t("contests:result.score")}</dt>
            <dd data-testid="score">
              {t("contests:result.scoreValue", { score: entry.score, correct: entry.correctCount, total: entry.total })}
            </dd>
          </>
        ) : null}
        {standing ? (
          <>
            <dt>{t("contests:result.rank")}</dt>
            <dd>{t("contests:result.rankValue", { rank: standing.rank, of: standing.of })}</dd>
          </>
        ) : null}
      </dl>
      {!closed ? (
        <p className="alert" role="status">
          {t("contests:result.wait")} <ClockTime iso={contest.closesAt} />
        </p>
      ) : null}
      {!closed && contest.attemptsLeft > 0 ? (
        <p>
          <Link to={`/${locale}/contests/${contest.id}`}>{t("contests:result.again", { count: contest.attemptsLeft })}</Link>
        </p>
      ) : null}
      {certificate ? (
        <section id="certificate" aria-labelledby="certificate-heading">
          <h2 id="certificate-heading">{t("contests:certificate.title")}</h2>
          <p>{t("contests:certificate.lead")}</p>
          {certificate.code ? (
            <p>
              <Link className="button button-primary" to={`/${locale}/certificates/${certificate.code}`}>
                {t("contests:certificate.open")}
              </Link>
            </p>
          ) : certificate.isAccount ? (
            <Form method="post" action="#certificate" className="form" noValidate>
              {failure ? (
                <ErrorSummary
                  message={failure.certificateError === "notYet" ? t("contests:errors.certificate.notYet") : undefined}
                  items={
                    failure.certificateError === "notYet"
                      ? []
                      : [
                          {
                            href: "#printedName",
                            text: `${t("contests:certificate.name")}: ${t(`contests:errors.certificate.${failure.certificateError}`)}`,
                          },
                        ]
                  }
                />
              ) : null}
              <Field
                errorPrefix="contests:errors"
                name="printedName"
                label={t("contests:certificate.name")}
                hint={t("contests:certificate.nameHint")}
                maxLength={80}
                autoComplete="name"
                defaultValue={failure?.printedName || certificate.name}
                error={failure && failure.certificateError !== "notYet" ? `certificate.${failure.certificateError}` : undefined}
              />
              <button type="submit" name="intent" value="certificate" className="button button-primary">
                {t("contests:certificate.claim")}
              </button>
            </Form>
          ) : (
            <>
              <p>{t("contests:certificate.needsAccount")}</p>
              <AccountLinks locale={locale} here={`/${locale}/contests/${contest.id}/result`} />
            </>
          )}
        </section>
      ) : null}
      {review ? (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">{t("contests:result.review")}</h2>
          {review.map((q, index) => (
            <div key={q.id} className={`question ${q.correct ? "question-right" : "question-wrong"}`}>
              <h3>
                {t("quiz.questionNumber", { number: index + 1, total: review.length })} ·{" "}
                {q.correct ? t("contests:result.right") : t("contests:result.wrong")}
              </h3>
              <p className="question-prompt">{q.prompt}</p>
              <ul className="contest-review">
                {q.options.map((o) => (
                  <li key={o.id}>
                    <strong>{o.text}</strong>
                    {o.chosen ? ` · ${t("contests:result.chosen")}` : ""}
                    {o.correct ? ` · ${t("contests:result.correctOption")}` : ""}
                    <br />
                    <span className="explanation">{o.explanation}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}
