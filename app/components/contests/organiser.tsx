import { Form, Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { ErrorSummary, Field, FieldFrame } from "~/components/forms";
import { BoardTable, ClockTime, TopList } from "~/components/contests/ui";
import { useTranslation } from "~/i18n/react";
import type { createContestAction, loadContestList, loadContestResults } from "~/modules/contests/organiser.server";
import { ATTEMPTS_MAX, CONTEST_FORM_FIELDS, MINUTES_MAX, QUESTIONS_MAX } from "~/modules/contests/rules";

/** An organiser's contests and the form to make one (a unit's official, or a class's instructor). */
export function ContestListView() {
  const { base, back, organiserName, modules, contests } = useLoaderData<typeof loadContestList>();
  const failure = useActionData<typeof createContestAction>();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = failure?.errors ?? {};
  const values = failure?.values ?? {};
  const value = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const picked = Array.isArray(values.moduleIds) ? values.moduleIds : [];
  const label = (name: string) => t(`contests:form.${name}`);
  return (
    <div className="page contest-page">
      <p>
        <Link to={back}>{t("contests:organise.back", { name: organiserName })}</Link>
      </p>
      <h1>{t("contests:organise.title", { name: organiserName })}</h1>
      {contests.length ? (
        <ul className="contest-list">
          {contests.map((c) => (
            <li key={c.id}>
              <Link to={`${base}/${c.id}`}>{c.title}</Link> · {t(`contests:status.${c.status}`)} · <ClockTime iso={c.opensAt} /> ·{" "}
              {t("contests:organise.participants", { count: c.participants })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("contests:organise.none")}</p>
      )}
      <section id="new" aria-labelledby="new-heading">
        <h2 id="new-heading">{t("contests:form.title")}</h2>
        <p className="hint">{t("contests:form.timesHint")}</p>
        <Form method="post" action="#new" className="form" noValidate>
          {failure ? (
            <ErrorSummary
              message={t("contests:form.fix")}
              items={CONTEST_FORM_FIELDS.map((f) => [f, errors[f === "ownQuestions" ? "questions" : f]] as const)
                .filter(([, error]) => error)
                .map(([f, error]) => ({
                  href: `#${f === "moduleIds" ? "modules" : f}`,
                  text: `${label(f === "title" ? "titleField" : f)}: ${t(`contests:errors.${error}`)}`,
                }))}
            />
          ) : null}
          <Field
            errorPrefix="contests:errors"
            name="title"
            label={label("titleField")}
            maxLength={120}
            defaultValue={value("title")}
            error={errors.title}
          />
          <FieldFrame
            errorPrefix="contests:errors"
            name="rules"
            label={label("rules")}
            hint={t("contests:form.rulesHint")}
            error={errors.rules}
          >
            {(field) => <textarea {...field} rows={4} maxLength={2000} defaultValue={value("rules")} />}
          </FieldFrame>
          <Field
            errorPrefix="contests:errors"
            name="opensAt"
            type="datetime-local"
            step={1}
            label={label("opensAt")}
            defaultValue={value("opensAt")}
            error={errors.opensAt}
          />
          <Field
            errorPrefix="contests:errors"
            name="closesAt"
            type="datetime-local"
            step={1}
            label={label("closesAt")}
            defaultValue={value("closesAt")}
            error={errors.closesAt}
          />
          <Field
            errorPrefix="contests:errors"
            name="minutes"
            inputMode="numeric"
            label={label("minutes")}
            hint={t("contests:form.minutesHint", { max: MINUTES_MAX })}
            defaultValue={value("minutes") ?? "20"}
            error={errors.minutes}
          />
          <Field
            errorPrefix="contests:errors"
            name="attemptsAllowed"
            inputMode="numeric"
            label={label("attemptsAllowed")}
            hint={t("contests:form.attemptsHint", { max: ATTEMPTS_MAX })}
            defaultValue={value("attemptsAllowed") ?? "1"}
            error={errors.attemptsAllowed}
          />
          <Field
            errorPrefix="contests:errors"
            name="questionCount"
            inputMode="numeric"
            label={label("questionCount")}
            hint={t("contests:form.questionCountHint", { max: QUESTIONS_MAX })}
            defaultValue={value("questionCount") ?? "10"}
            error={errors.questionCount}
          />
          <fieldset
            id="modules"
            className={`question${errors.moduleIds ? " question-missing" : ""}`}
            aria-describedby={errors.moduleIds ? "modules-error" : undefined}
          >
            <legend>{label("moduleIds")}</legend>
            <p className="hint">{t("contests:form.modulesHint")}</p>
            {errors.moduleIds ? (
              <p className="field-error" id="modules-error">
                {t(`contests:errors.${errors.moduleIds}`)}
              </p>
            ) : null}
            {modules.map((m) => (
              <div className="option" key={m.id}>
                <input type="checkbox" id={`module-${m.id}`} name="moduleIds" value={m.id} defaultChecked={picked.includes(m.id)} />
                <label htmlFor={`module-${m.id}`}>{t("contests:form.moduleOption", { title: m.title, count: m.questions })}</label>
              </div>
            ))}
          </fieldset>
          <FieldFrame
            errorPrefix="contests:errors"
            name="ownQuestions"
            label={label("ownQuestions")}
            hint={t("contests:form.ownQuestionsHint")}
            error={errors.questions}
          >
            {(field) => <textarea {...field} rows={8} spellCheck={false} defaultValue={value("ownQuestions")} />}
          </FieldFrame>
          {failure?.problems.length ? (
            <ul className="field-error" aria-label={label("ownQuestions")}>
              {failure.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          <button type="submit" className="button button-primary">
            {t("contests:form.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}

/** The organiser's results page: figures, leaderboards, the top list, links to the live view and the workbook. */
export function ContestResultsView() {
  const { base, contest, pageUrl, status, started, boards } = useLoaderData<typeof loadContestResults>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="page contest-page">
      <p>
        <Link to={base}>{t("contests:organise.all")}</Link>
      </p>
      <h1>{contest.title}</h1>
      {params.get("created") ? (
        <p className="alert" role="status">
          {t("contests:organise.created")}
        </p>
      ) : null}
      <dl className="contest-facts">
        <dt>{t("contests:facts.status")}</dt>
        <dd>{t(`contests:status.${status}`)}</dd>
        <dt>{t("contests:facts.opens")}</dt>
        <dd>
          <ClockTime iso={contest.opensAt} />
        </dd>
        <dt>{t("contests:facts.closes")}</dt>
        <dd>
          <ClockTime iso={contest.closesAt} />
        </dd>
        <dt>{t("contests:organise.link")}</dt>
        <dd>
          <a href={pageUrl}>{pageUrl}</a>
        </dd>
        <dt>{t("contests:board.started")}</dt>
        <dd data-testid="started">{started}</dd>
        <dt>{t("contests:board.participants")}</dt>
        <dd data-testid="participants">{boards.participants}</dd>
        <dt>{t("contests:board.average")}</dt>
        <dd>{boards.averageScore ?? "—"}</dd>
      </dl>
      <p className="contest-buttons">
        <Link className="button" to={`${base}/${contest.id}/live`}>
          {t("contests:organise.live")}
        </Link>
        <a className="button" href={`${base}/${contest.id}/results.xlsx`} download>
          {t("contests:organise.xlsx")}
        </a>
      </p>
      <Boards />
    </div>
  );
}

function Boards({ large = false }: { large?: boolean }) {
  const { boards } = useLoaderData<typeof loadContestResults>();
  const { t } = useTranslation();
  return (
    <div className={large ? "contest-boards contest-boards-large" : "contest-boards"}>
      {boards.participants === 0 ? <p>{t("contests:board.empty")}</p> : null}
      <h2>{t("contests:board.top")}</h2>
      <p className="hint">{t("contests:board.topHint")}</p>
      <TopList rows={boards.top} />
      <BoardTable caption={t("contests:board.communes")} rows={boards.communes} />
      <BoardTable caption={t("contests:board.villages")} rows={boards.villages} />
      <BoardTable caption={t("contests:board.classes")} rows={boards.classes} population={false} />
      {boards.communes.length || boards.villages.length ? <p className="hint">{t("contests:board.participationNote")}</p> : null}
    </div>
  );
}

/** Seconds between refreshes of the projector view. */
export const LIVE_REFRESH_SECONDS = 15;

/**
 * The projector at the community hall: large print, refreshed every 15 seconds. With JavaScript
 * the figures are reloaded in place; without it the page reloads itself (meta refresh).
 */
export function ContestLiveView() {
  const { contest, status, boards } = useLoaderData<typeof loadContestResults>();
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") revalidator.revalidate();
    }, LIVE_REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [revalidator]);
  return (
    <div className="contest-live">
      <noscript>
        <meta httpEquiv="refresh" content={String(LIVE_REFRESH_SECONDS)} />
      </noscript>
      <h1>{contest.title}</h1>
      <p className="contest-live-status">
        {t(`contests:status.${status}`)} · {t("contests:board.participants")}:{" "}
        <strong data-testid="live-participants">{boards.participants}</strong>
      </p>
      <Boards large />
      <p className="hint">{t("contests:live.refresh", { seconds: LIVE_REFRESH_SECONDS })}</p>
    </div>
  );
}
