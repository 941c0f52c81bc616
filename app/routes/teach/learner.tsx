import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmBox, formatDay, formatTime, StateCell } from "~/components/classes/ui";
import { ReadAloudConsent } from "~/components/classes/organiser";
import { keepPins, pendingPins } from "~/modules/classes/handouts.server";
import { sessionsOfLearner } from "~/modules/classes/sessions.server";
import { useTranslation } from "~/i18n/react";
import { notFound } from "~/i18n/locale.server";
import { vietnamDay } from "~/modules/classes/codes";
import { givePinToGuest, resetPin } from "~/modules/accounts/pin.server";
import { formatRecoveryCode } from "~/modules/accounts/recovery";
import { issueResetCode } from "~/modules/accounts/recovery.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { requireMemberOfOwnedClass } from "~/modules/classes/access.server";
import { readFormData } from "~/modules/http/forms";
import { attemptsOf, listAssignments, progressOfLearners, removeMember } from "~/modules/classes/classes.server";
import { cellStatus, lateness } from "~/modules/classes/dashboard";
import { getCourse } from "~/modules/content/course-instance.server";
import { summariseModule } from "~/modules/progress/mastery";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass, db, member } = await requireMemberOfOwnedClass(request, params);
  const [course, progress, attempts, assignments, sessions] = await Promise.all([
    getCourse(),
    progressOfLearners(db, { learnerIds: [member.id] }),
    attemptsOf(db, { learnerId: member.id }),
    listAssignments(db, { classId: klass.id }),
    sessionsOfLearner(db, { classId: klass.id, learnerId: member.id }),
  ]);
  const p = progress.get(member.id) ?? { lessons: new Map(), practices: new Map() };
  const assigned = new Set(assignments.map((a) => a.module_id));
  const dueDates = new Map(assignments.map((a) => [a.module_id, a.due_date]));
  const today = vietnamDay(new Date());
  const modules = [...course.modules(locale)].sort((a, b) => Number(assigned.has(b.id)) - Number(assigned.has(a.id)));
  const titles = new Map<string, string>();
  for (const m of modules) {
    titles.set(`module:${m.id}`, m.title);
    for (const l of m.lessons) titles.set(`lesson:${l.id}`, l.title);
    for (const pr of m.practices) titles.set(`practice:${pr.id}`, pr.title);
  }
  return {
    locale,
    title: member.name,
    klass: { id: klass.id, name: klass.name },
    member,
    // The class sessions this learner's attendance was taken at (issue 18), newest first.
    sessions: sessions.map((x) => ({
      id: x.id,
      day: x.day,
      present: x.present === 1,
      lesson: (x.module_id && x.lesson_id && course.lesson(locale, x.module_id, x.lesson_id)?.title) || null,
    })),
    modules: modules
      .map((m) => {
        const summary = summariseModule({ lessonIds: m.lessons.map((l) => l.id), practiceIds: m.practices.map((x) => x.id) }, p);
        const dueDate = dueDates.get(m.id) ?? null;
        return {
          id: m.id,
          title: m.title,
          assigned: assigned.has(m.id),
          summary,
          dueDate,
          // Behind (started, past the due day) or not started past it; a finished module never is.
          late: lateness(dueDate, summary.state, today),
          lessons: m.lessons.map((l) => {
            const item = p.lessons.get(l.id);
            return {
              id: l.id,
              title: l.title,
              status: cellStatus(item),
              attempts: item?.attempt_count ?? 0,
              bestScore: item?.best_score ?? null,
              // The newest quiz attempt, to open and see which questions were missed.
              lastAttemptId: attempts.find((a) => a.item_kind === "lesson" && a.item_id === l.id && a.module_id === m.id)?.id ?? null,
            };
          }),
        };
      })
      .filter((m) => m.assigned || m.summary.started > 0),
    attempts: attempts.map((a) => ({
      id: a.id,
      at: a.created_at,
      module: titles.get(`module:${a.module_id}`) ?? a.module_id,
      item: titles.get(`${a.item_kind}:${a.item_id}`) ?? a.item_id,
      kind: a.item_kind,
      review: a.item_kind === "lesson",
      score: a.score,
      passed: a.passed === 1,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { locale, instructor, klass, db, member } = await requireMemberOfOwnedClass(request, params);
  const form = await readFormData(request);
  const intent = form.get("intent");
  const confirmed = form.get("confirmed") === "yes";
  // A guest's work lives in one browser: the teacher gives them a username and PIN (issue 11),
  // after reading them the privacy page (ticked) and saying yes once more.
  if (intent === "give-pin" && member.kind === "guest") {
    if (form.get("consent") !== "yes") return data({ pin: null, resetCode: null, confirm: null, error: "consentMissing" }, { status: 400 });
    if (!confirmed) return data({ pin: null, resetCode: null, confirm: "give-pin" as const });
    const earlier = await pendingPins(db, request, { classId: klass.id, ownerId: instructor.id });
    let setCookie = "";
    const given = await givePinToGuest(db, {
      learnerId: member.id,
      createdBy: instructor.id,
      afterPins: async (trx, pins) => {
        setCookie = await keepPins(trx, request, { classId: klass.id, ownerId: instructor.id, pins, earlier });
      },
    });
    if (given) await recordAudit(db, { actorId: instructor.id, action: "pin.fromGuest", subjectId: member.id, classId: klass.id });
    return redirect(`/${locale}/teach/classes/${klass.id}/pins`, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
  }
  // Resetting a PIN and removing someone are asked again first (works without JavaScript).
  if ((intent === "reset-pin" && member.pin) || intent === "remove") {
    if (!confirmed) return data({ pin: null, resetCode: null, confirm: intent as "reset-pin" | "remove" | "give-pin" });
  }
  if (intent === "reset-pin" && member.pin) {
    const pin = await resetPin(db, { learnerId: member.id });
    const headers = new Headers({ "Cache-Control": "no-store" });
    if (pin) {
      await recordAudit(db, { actorId: instructor.id, action: "pin.reset", subjectId: member.id, classId: klass.id });
      // Kept for this browser like new learners' PINs, so the reprinted card carries it.
      const earlier = await pendingPins(db, request, { classId: klass.id, ownerId: instructor.id });
      headers.append(
        "Set-Cookie",
        await db
          .transaction()
          .execute((trx) => keepPins(trx, request, { classId: klass.id, ownerId: instructor.id, pins: [{ id: member.id, pin }], earlier })),
      );
    }
    return data({ pin, resetCode: null, confirm: null }, { headers });
  }
  // Someone with a password who forgot it: a one-time code to hand over in person (issue 14).
  if (intent === "reset-code" && !member.pin && member.kind === "account") {
    const issued = await issueResetCode(db, { issuerId: instructor.id, learnerId: member.id, classId: klass.id });
    if (!issued) notFound();
    return data(
      { pin: null, resetCode: { code: formatRecoveryCode(issued.code), expiresAt: issued.expiresAt }, confirm: null },
      { headers: { "Cache-Control": "no-store" } },
    );
  }
  if (intent === "remove") {
    if (await removeMember(db, { classId: klass.id, ownerId: instructor.id, learnerId: member.id }))
      await recordAudit(db, { actorId: instructor.id, action: "class.remove", subjectId: member.id, classId: klass.id });
    return redirect(`/${locale}/teach/classes/${klass.id}?removed=${member.id}#members`);
  }
  return data({ pin: null, resetCode: null, confirm: null }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function LearnerPage() {
  const { locale, klass, member, modules, attempts, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const base = `/${locale}/teach/classes/${klass.id}`;
  return (
    <div className="page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={base}>{klass.name}</Link> › <Link to={`${base}/progress`}>{t("classes:class.dashboard")}</Link>
      </nav>
      <h1>{member.name}</h1>
      <dl className="cls-facts">
        {member.username ? (
          <>
            <dt>{t("classes:newLearners.username")}</dt>
            <dd className="cls-code">{member.username}</dd>
          </>
        ) : null}
        {member.birthYear ? (
          <>
            <dt>{t("classes:newLearners.birthYear")}</dt>
            <dd>{member.birthYear}</dd>
          </>
        ) : null}
        {member.place ? (
          <>
            <dt>{t("classes:newLearners.place")}</dt>
            <dd>{member.place}</dd>
          </>
        ) : null}
        <dt>{t("classes:learner.joined")}</dt>
        <dd>{formatTime(member.joinedAt, locale)}</dd>
        <dt>{t("classes:learner.login")}</dt>
        <dd>
          {member.pin ? t("classes:learner.pinLogin") : member.kind === "guest" ? t("classes:class.guest") : t("classes:class.ownAccount")}
        </dd>
      </dl>

      {member.pin ? (
        <section aria-labelledby="pin-heading" className="cls-box">
          <h2 id="pin-heading">{t("classes:learner.pinHeading")}</h2>
          {member.locked && !result?.pin ? (
            <p className="alert alert-error" role="status">
              {t("classes:learner.locked", { count: Math.max(1, Math.ceil(member.pinWaitSeconds / 60)) })}
            </p>
          ) : null}
          {result?.pin ? (
            <div className="alert" role="status">
              <p>
                {t("classes:learner.newPinFor", { name: member.name })}{" "}
                <strong className="cls-code cls-code-big" data-pin>
                  {result.pin}
                </strong>
              </p>
              <p>{t("classes:newLearners.pinOnce")}</p>
            </div>
          ) : (
            <p>{t("classes:learner.resetHint")}</p>
          )}
          {result?.confirm === "reset-pin" ? (
            <ConfirmBox
              id="confirm-reset"
              question={t("classes:learner.confirmReset", { name: member.name })}
              detail={t("classes:learner.confirmResetDetail")}
              yes={t("classes:learner.confirmResetYes")}
              no={t("classes:confirm.no")}
              noTo={`${base}/learners/${member.id}#pin-heading`}
              fields={{ intent: "reset-pin" }}
            />
          ) : null}
          <div className="actions">
            <Form method="post" action="#confirm-reset">
              <input type="hidden" name="intent" value="reset-pin" />
              <button type="submit" className="button">
                {t("classes:learner.resetPin")}
              </button>
            </Form>
            <Link className="button" to={`${base}/cards?ids=${member.id}`}>
              {t("classes:learner.printCard")}
            </Link>
          </div>
          <p>
            <Link to={`${base}/learners/${member.id}/data`}>{t("accounts:onBehalf.link")}</Link>
          </p>
        </section>
      ) : member.kind === "account" ? (
        <section aria-labelledby="reset-heading" className="cls-box">
          <h2 id="reset-heading">{t("accounts:reset.heading")}</h2>
          {result?.resetCode ? (
            <div className="alert" role="status">
              <p>
                {t("accounts:reset.issued")}{" "}
                <strong className="cls-code cls-code-big" data-reset-code>
                  {result.resetCode.code}
                </strong>
              </p>
              <p>{t("accounts:reset.once", { date: formatTime(result.resetCode.expiresAt, locale) })}</p>
            </div>
          ) : (
            <p>{t("accounts:reset.hint")}</p>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="reset-code" />
            <button type="submit" className="button">
              {t("accounts:reset.issue")}
            </button>
          </Form>
        </section>
      ) : (
        <section aria-labelledby="give-pin-heading" className="cls-box">
          <h2 id="give-pin-heading">{t("classes:learner.givePinHeading")}</h2>
          <p>{t("classes:learner.givePinHint", { name: member.name })}</p>
          {result && "error" in result && result.error ? (
            <p className="alert alert-error" role="alert">
              {t(`classes:errors.${result.error}`)}
            </p>
          ) : null}
          {result?.confirm === "give-pin" ? (
            <ConfirmBox
              id="confirm-give-pin"
              question={t("classes:learner.confirmGivePin", { name: member.name })}
              detail={t("classes:learner.confirmGivePinDetail")}
              yes={t("classes:learner.confirmGivePinYes")}
              no={t("classes:confirm.no")}
              noTo={`${base}/learners/${member.id}#give-pin-heading`}
              fields={{ intent: "give-pin", consent: "yes" }}
              danger={false}
            />
          ) : null}
          <Form method="post" action="#confirm-give-pin">
            <input type="hidden" name="intent" value="give-pin" />
            <ReadAloudConsent
              locale={locale}
              label={t("classes:learner.givePinConsent", { name: member.name })}
              invalid={!!(result && "error" in result && result.error)}
            />
            <button type="submit" className="button">
              {t("classes:learner.givePin")}
            </button>
          </Form>
        </section>
      )}

      <section aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">
          {t("classes:learner.attendance", { present: sessions.filter((x) => x.present).length, sessions: sessions.length })}
        </h2>
        {sessions.length === 0 ? <p className="empty">{t("classes:learner.noSessions")}</p> : null}
        <ul className="cls-rows">
          {sessions.map((x) => (
            <li key={x.id}>
              <span>
                {formatDay(x.day, locale)}
                {x.lesson ? <span className="meta"> · {x.lesson}</span> : null}
              </span>
              <span className={`badge badge-${x.present ? "mastered" : "not-started"}`}>
                {t(x.present ? "classes:learner.present" : "classes:learner.absent")}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <h2>{t("classes:learner.progress")}</h2>
      {modules.length === 0 ? <p className="empty">{t("classes:learner.noProgress")}</p> : null}
      {modules.map((m) => (
        <section key={m.id} aria-labelledby={`m-${m.id}`}>
          <h3 id={`m-${m.id}`}>
            {m.title} {m.assigned ? <span className="badge">{t("classes:assigned.badge")}</span> : null}
          </h3>
          <p className="meta">
            {t("progress.mastered", { mastered: m.summary.mastered, total: m.summary.total })}
            {m.assigned
              ? ` · ${m.dueDate ? t("classes:class.due", { date: formatDay(m.dueDate, locale) }) : t("classes:class.noDue")}`
              : ""}
          </p>
          {m.late ? (
            <p className="cls-late" data-late={m.late}>
              {t(`classes:dashboard.lateKind.${m.late}`)}
            </p>
          ) : null}
          <ul className="cls-rows">
            {m.lessons.map((l) => (
              <li key={l.id}>
                <span>{l.title}</span>
                <StateCell
                  status={l.status}
                  detail={l.attempts ? t("classes:dashboard.cellDetail", { count: l.attempts, score: l.bestScore }) : undefined}
                />
                {l.lastAttemptId && l.status !== "mastered" ? (
                  <Link to={`${base}/learners/${member.id}/attempts/${l.lastAttemptId}`}>
                    {t("classes:attempt.open")}
                    <span className="visually-hidden">: {l.title}</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}

      <h2 id="attempts">{t("classes:learner.attempts")}</h2>
      {attempts.length === 0 ? (
        <p className="empty">{t("classes:learner.noAttempts")}</p>
      ) : (
        <div className="cls-scroll" tabIndex={0} role="region" aria-labelledby="attempts">
          <table className="cls-table">
            <thead>
              <tr>
                <th scope="col">{t("classes:learner.when")}</th>
                <th scope="col">{t("classes:learner.what")}</th>
                <th scope="col">{t("classes:learner.score")}</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.id}>
                  <td>{formatTime(a.at, locale)}</td>
                  <td>
                    {a.review ? <Link to={`${base}/learners/${member.id}/attempts/${a.id}`}>{a.item}</Link> : a.item}
                    <span className="meta"> · {a.module}</span>
                  </td>
                  <td>
                    {a.score}% · {a.passed ? t("classes:learner.passed") : t("classes:learner.notPassed")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="remove-heading" className="cls-box">
        <h2 id="remove-heading">{t("classes:learner.removeHeading")}</h2>
        <p>{t("classes:learner.removeHint")}</p>
        {result?.confirm === "remove" ? (
          <ConfirmBox
            id="confirm-remove"
            question={t("classes:learner.confirmRemove", { name: member.name, className: klass.name })}
            detail={t("classes:learner.removeHint")}
            yes={t("classes:learner.confirmRemoveYes")}
            no={t("classes:confirm.no")}
            noTo={`${base}/learners/${member.id}#remove-heading`}
            fields={{ intent: "remove" }}
          />
        ) : null}
        <Form method="post" action="#confirm-remove">
          <input type="hidden" name="intent" value="remove" />
          <button type="submit" className="button cls-danger">
            {t("classes:learner.remove", { name: member.name })}
          </button>
        </Form>
      </section>
    </div>
  );
}
