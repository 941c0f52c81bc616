import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { ListenButton } from "~/components/access/ReadAloud";
import { useTranslation } from "~/i18n/react";
import { OfflineSubmitFields, useOfflineSubmit } from "~/components/access/OfflineSubmit";
import type { PracticeTaskView, TaskFeedback } from "~/modules/practice/practice.server";
import { ErrorSummary } from "~/components/forms";
import { Scenario } from "./Scenario";

export interface PracticeFormState {
  error?: "tampered" | "incomplete" | null;
  errors?: Record<string, "missing" | "order-incomplete">;
  answers?: Record<string, string[]>;
  positions?: Record<string, Record<string, number>>;
  feedback?: TaskFeedback | null;
  /** The task a "Check" was about (a plain post's answer shows beside it, not at the top). */
  checked?: string | null;
  /** A check asked for without a network: it needs the server. */
  offlineCheck?: boolean;
}

/** One task's feedback: the verdict, what was chosen and why, then the right answer and why. */
export function Feedback({ feedback, showVerdict = true }: { feedback: TaskFeedback; showVerdict?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`feedback ${feedback.correct ? "feedback-right" : "feedback-wrong"}`}>
      {showVerdict ? (
        <p className="feedback-verdict">{feedback.correct ? t("practice:feedback.right") : t("practice:feedback.wrong")}</p>
      ) : null}
      {feedback.chosen ? (
        <>
          <p>
            <strong>{t("practice:feedback.yourChoice")}</strong> {feedback.chosen.text}
          </p>
          <p>{feedback.chosen.explanation}</p>
        </>
      ) : null}
      {feedback.right ? (
        <>
          <p>
            <strong>{t("practice:feedback.rightAnswer")}</strong> {feedback.right.text}
          </p>
          <p>{feedback.right.explanation}</p>
        </>
      ) : null}
      {feedback.order && !feedback.correct ? (
        <>
          <p className="feedback-label">{t("practice:feedback.yourOrder")}</p>
          <ol className="order-review">
            {feedback.order.map((step) => (
              <li key={step.text} className={step.inPlace ? "step-in-place" : "step-misplaced"}>
                {step.text}{" "}
                <strong>
                  {step.inPlace
                    ? t("practice:feedback.stepInPlace")
                    : t("practice:feedback.stepMisplaced", { position: step.rightPosition })}
                </strong>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {feedback.rightOrder ? (
        <>
          <p className="feedback-label">{feedback.correct ? t("practice:feedback.theOrder") : t("practice:feedback.rightOrder")}</p>
          <ol>
            {feedback.rightOrder.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ol>
        </>
      ) : null}
      {feedback.explanation ? <p>{feedback.explanation}</p> : null}
    </div>
  );
}

function Task({ task, index, total, state }: { task: PracticeTaskView; index: number; total: number; state: PracticeFormState }) {
  const { t } = useTranslation();
  // With JavaScript, "Check" asks the server about this one task without leaving the page.
  const fetcher = useFetcher<PracticeFormState>({ key: `practice-check-${task.id}` });
  const fieldsetRef = useRef<HTMLFieldSetElement>(null);
  const local = fetcher.data;
  const feedback =
    (local?.feedback?.taskId === task.id ? local.feedback : null) ?? (state.feedback?.taskId === task.id ? state.feedback : null);
  const error = local ? local.errors?.[task.id] : state.errors?.[task.id];
  const chosen = state.answers?.[task.id] ?? [];
  const positions = state.positions?.[task.id] ?? {};
  const checking = fetcher.state !== "idle";

  const check = (event: React.MouseEvent<HTMLButtonElement>) => {
    const fieldset = fieldsetRef.current;
    if (!fieldset) return;
    event.preventDefault();
    const data = new FormData();
    data.set("intent", `check:${task.id}`);
    for (const el of Array.from(fieldset.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select"))) {
      if (el instanceof HTMLInputElement && !el.checked) continue;
      data.append(el.name, el.value);
    }
    fetcher.submit(data, { method: "post" });
  };

  return (
    <fieldset
      ref={fieldsetRef}
      id={`task-${task.id}`}
      className={`question task${error ? " question-missing" : ""}`}
      aria-describedby={error ? `task-error-${task.id}` : undefined}
    >
      <legend>
        <span className="question-number">{t("practice:taskNumber", { number: index + 1, total })}</span>
        <span className="question-prompt">{task.prompt}</span>
      </legend>
      <ListenButton targetId={`task-${task.id}`} label={t("access:readAloud.listenTask", { number: index + 1 })} />
      {task.type === "choice" && task.scenario ? <Scenario scenario={task.scenario} qr={task.qr} /> : null}
      {task.type === "choice" ? (
        task.options.map((o) => {
          const id = `t-${task.id}-${o.id}`;
          return (
            <div key={o.id} className="option">
              <input type="radio" id={id} name={`choice.${task.id}`} value={o.id} defaultChecked={chosen.includes(o.id)} />
              <label htmlFor={id}>{o.text}</label>
            </div>
          );
        })
      ) : (
        <>
          <p className="hint">{t("practice:orderHint", { count: task.steps.length })}</p>
          {task.steps.map((s) => {
            const id = `t-${task.id}-${s.id}`;
            return (
              <div key={s.id} className="order-step">
                <select id={id} name={`order.${task.id}.${s.id}`} defaultValue={positions[s.id] ? String(positions[s.id]) : ""}>
                  <option value="">{t("practice:orderUnset")}</option>
                  {task.steps.map((_, i) => (
                    <option key={i} value={String(i + 1)}>
                      {t("practice:orderPosition", { position: i + 1 })}
                    </option>
                  ))}
                </select>
                <label htmlFor={id}>{s.text}</label>
              </div>
            );
          })}
        </>
      )}
      {/* Without JavaScript "Check" posts to this spot (#check-<task>), so the answer shows where the learner is. */}
      <div className="task-check" id={`check-${task.id}`}>
        {error ? (
          <p className="field-error" id={`task-error-${task.id}`}>
            {t(`practice:errors.${error}`)}
          </p>
        ) : null}
        <button
          type="submit"
          name="intent"
          value={`check:${task.id}`}
          formAction={`#check-${task.id}`}
          className="button"
          onClick={check}
          disabled={checking}
        >
          {checking ? t("practice:checking") : t("practice:check")}
        </button>
        <div aria-live="polite">
          {feedback ? <Feedback feedback={feedback} /> : null}
          {local?.offlineCheck && !feedback ? <p className="alert">{t("access:offline.checkOffline")}</p> : null}
        </div>
      </div>
    </fieldset>
  );
}

/** Every task in one plain form: "Check" one task at a time, then "Finish" to record the practice. */
export function PracticeForm({ tasks, state, renewKey }: { tasks: PracticeTaskView[]; state: PracticeFormState; renewKey?: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "submit";
  const { alertRef, attemptKey, offlineIncomplete, onSubmit } = useOfflineSubmit({ renewKey, alertShown: state.error ? state : null });
  const missing = Object.keys(state.errors ?? {}).length;
  // A "Check" of one task answers beside that task; the summary is for "Finish".
  const checkOnly = state.error === "incomplete" && !!state.checked;
  return (
    <Form method="post" action="#practice" id="practice" className="quiz practice" noValidate onSubmit={onSubmit}>
      <OfflineSubmitFields attemptKey={attemptKey} offlineIncomplete={offlineIncomplete} alertRef={alertRef} />
      {state.error && !offlineIncomplete && !checkOnly ? (
        <ErrorSummary
          ref={alertRef}
          message={state.error === "tampered" ? t("practice:errors.tampered") : t("practice:errors.incomplete", { count: missing })}
          items={Object.entries(state.errors ?? {}).map(([taskId, error]) => ({
            href: `#task-${taskId}`,
            text: t("practice:errors.summaryItem", {
              number: tasks.findIndex((task) => task.id === taskId) + 1,
              error: t(`practice:errors.${error}`),
            }),
          }))}
        />
      ) : null}
      {tasks.map((task, i) => (
        <Task key={task.id} task={task} index={i} total={tasks.length} state={state} />
      ))}
      <button type="submit" name="intent" value="submit" className="button button-primary" disabled={submitting}>
        {submitting ? t("practice:finishing") : t("practice:finish")}
      </button>
    </Form>
  );
}
