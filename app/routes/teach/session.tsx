import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { ErrorSummary, FieldFrame } from "~/components/forms";
import { formatDay, formatTime, Notice, QrCode, StateCell } from "~/components/classes/ui";
import { useAutoRefresh } from "~/components/classes/useAutoRefresh";
import { useTranslation } from "~/i18n/react";
import { translate } from "~/i18n/locale.server";
import { requireOwnedClass } from "~/modules/classes/access.server";
import { readForm, readFormData } from "~/modules/http/forms";
import { endSessionSchema } from "~/modules/classes/validation";
import { listMembers, progressOfLearners } from "~/modules/classes/classes.server";
import { vietnamDay } from "~/modules/classes/codes";
import { cellStatus } from "~/modules/classes/dashboard";
import { qrSvg } from "~/modules/qr/qr-svg";
import {
  attendanceOf,
  endClassSession,
  getSessionOfDay,
  reopenClassSession,
  listSessions,
  recordAttendance,
  showLesson,
  startSessionOfDay,
} from "~/modules/classes/sessions.server";
import { getCourse } from "~/modules/content/course-instance.server";
import classesCss from "~/styles/classes.css?url";
import { missingPublicUrl, siteOrigin } from "~/modules/http/public-url.server";
import { PublicUrlNotice } from "~/components/PublicUrlNotice";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/** Community session mode: start today's session, tick attendance, choose the lesson to show, watch progress arrive. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass, db } = await requireOwnedClass(request, params);
  const today = vietnamDay(new Date());
  const [course, session, members, history] = await Promise.all([
    getCourse(),
    getSessionOfDay(db, { classId: klass.id, day: today }),
    listMembers(db, { classId: klass.id }),
    listSessions(db, { classId: klass.id, limit: 30 }),
  ]);
  const present = session ? await attendanceOf(db, { sessionId: session.id }) : new Set<string>();
  const lesson = session?.module_id && session.lesson_id ? course.lesson(locale, session.module_id, session.lesson_id) : undefined;
  const progress = lesson ? await progressOfLearners(db, { learnerIds: members.active.map((m) => m.id) }) : new Map();
  // ?from=class: the lesson offers "log in first" to whoever scans it without being logged in (issue 18).
  const lessonUrl = lesson ? `${siteOrigin()}/${locale}/modules/${lesson.moduleId}/${lesson.id}?from=class` : null;
  return {
    publicUrlMissing: missingPublicUrl(),
    locale,
    title: translate(locale, "classes:session.title", { name: klass.name }),
    klass: { id: klass.id, name: klass.name },
    today,
    session: session
      ? { id: session.id, startedAt: session.started_at, endedAt: session.ended_at ?? null, taught: session.taught ?? null }
      : null,
    lesson: lesson
      ? { moduleId: lesson.moduleId, id: lesson.id, title: lesson.title, url: lessonUrl!, qr: qrSvg(lessonUrl!, { quiet: 4 }) }
      : null,
    members: members.active.map((m) => {
      const item = lesson ? progress.get(m.id)?.lessons.get(lesson.id) : undefined;
      return { id: m.id, name: m.name, present: present.has(m.id), status: cellStatus(item) };
    }),
    modules: course
      .modules(locale)
      .map((m) => ({ id: m.id, title: m.title, lessons: m.lessons.map((l) => ({ id: l.id, title: l.title })) })),
    // Every session on record, today's once ended: its lesson, what was taught, who came (issue 18).
    history: history
      .filter((h) => h.day !== today || h.endedAt)
      .map((h) => ({
        id: h.id,
        day: h.day,
        lesson: (h.moduleId && h.lessonId && course.lesson(locale, h.moduleId, h.lessonId)?.title) || null,
        taught: h.taught,
        present: h.present,
        marked: h.marked,
        names: h.presentNames,
      })),
    refreshedAt: new Date().toISOString(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { locale, klass, db } = await requireOwnedClass(request, params);
  const form = await readFormData(request);
  const intent = form.get("intent");
  const here = `/${locale}/teach/classes/${klass.id}/session`;
  if (intent === "start") {
    await startSessionOfDay(db, { classId: klass.id });
    return redirect(here);
  }
  const session = await getSessionOfDay(db, { classId: klass.id, day: vietnamDay(new Date()) });
  if (!session) return redirect(here);
  if (intent === "end") {
    const parsed = readForm(endSessionSchema, form, ["taught"]);
    if (!parsed.ok) return data({ error: parsed.errors.taught ?? "fieldTooLong", taught: parsed.values.taught ?? "" }, { status: 400 });
    await endClassSession(db, { sessionId: session.id, taught: parsed.data.taught });
    return redirect(`${here}?ended=1#history`);
  }
  if (intent === "reopen") {
    await reopenClassSession(db, { sessionId: session.id });
    return redirect(`${here}?reopened=1`);
  }
  if (session.ended_at) return redirect(here);
  if (intent === "attendance") {
    const { active } = await listMembers(db, { classId: klass.id });
    const memberIds = active.map((m) => m.id);
    // Only this class's members can be ticked; anything else posted is ignored.
    const presentIds = new Set(
      form
        .getAll("present")
        .map(String)
        .filter((id) => memberIds.includes(id)),
    );
    const count = await recordAttendance(db, { sessionId: session.id, memberIds, presentIds });
    return redirect(`${here}?present=${count}`);
  }
  if (intent === "show") {
    const [moduleId = "", lessonId = ""] = String(form.get("lesson") ?? "").split("/");
    const course = await getCourse();
    if (!course.lesson(locale, moduleId, lessonId)) return data({ error: "lessonRequired", taught: "" }, { status: 400 });
    await showLesson(db, { sessionId: session.id, moduleId, lessonId });
    return redirect(`${here}#live`);
  }
  return data({ error: "unknownAction", taught: "" }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** True once JavaScript runs: only then does the page update itself, so only then does it say so. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export default function SessionPage() {
  const { publicUrlMissing, locale, klass, today, session, lesson, members, modules, history, refreshedAt } =
    useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const open = !!session && !session.endedAt;
  useAutoRefresh(10, open && !!lesson);
  const hydrated = useHydrated();
  const base = `/${locale}/teach/classes/${klass.id}`;
  const presentCount = members.filter((m) => m.present).length;
  // Progress counts those present (issue 18); before attendance is taken, the whole class.
  const counted = presentCount ? members.filter((m) => m.present) : members;
  const mastered = counted.filter((m) => m.status === "mastered").length;
  const time = new Date(refreshedAt).toLocaleTimeString(locale === "en" ? "en-GB" : "vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });
  const endError = failure?.error === "fieldTooLong" ? failure.error : undefined;
  return (
    <div className="page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={base}>{klass.name}</Link>
      </nav>
      <h1>{t("classes:session.title", { name: klass.name })}</h1>
      <PublicUrlNotice missing={publicUrlMissing} />
      <p className="meta">{t("classes:session.today", { date: formatDay(today, locale) })}</p>
      {params.get("ended") ? <Notice>{t("classes:session.endedNotice", { count: presentCount })}</Notice> : null}
      {params.get("reopened") ? <Notice>{t("classes:session.reopenedNotice")}</Notice> : null}
      {!session ? (
        <Form method="post">
          <input type="hidden" name="intent" value="start" />
          <p>{t("classes:session.startHint")}</p>
          <button type="submit" className="button button-primary">
            {t("classes:session.start")}
          </button>
        </Form>
      ) : session.endedAt ? (
        <section className="cls-box" aria-labelledby="ended-heading">
          <h2 id="ended-heading">{t("classes:session.ended", { time: formatTime(session.endedAt, locale) })}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="reopen" />
            <button type="submit" className="button">
              {t("classes:session.reopen")}
            </button>
          </Form>
        </section>
      ) : (
        <>
          {params.get("present") ? <Notice>{t("classes:session.attendanceSaved", { count: Number(params.get("present")) })}</Notice> : null}
          <section aria-labelledby="attendance-heading">
            <h2 id="attendance-heading">{t("classes:session.attendance", { present: presentCount, total: members.length })}</h2>
            {members.length === 0 ? <p className="empty">{t("classes:class.noMembers")}</p> : null}
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="attendance" />
              <fieldset className="cls-attendance">
                <legend className="visually-hidden">{t("classes:session.whoIsHere")}</legend>
                {members.map((m) => (
                  <div className="option" key={m.id}>
                    <input type="checkbox" id={`present-${m.id}`} name="present" value={m.id} defaultChecked={m.present} />
                    <label htmlFor={`present-${m.id}`}>{m.name}</label>
                  </div>
                ))}
              </fieldset>
              {members.length ? (
                <button type="submit" className="button button-primary">
                  {t("classes:session.saveAttendance")}
                </button>
              ) : null}
            </Form>
          </section>

          <section aria-labelledby="lesson-heading">
            <h2 id="lesson-heading">{t("classes:session.lesson")}</h2>
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="show" />
              <FieldFrame name="lesson" label={t("classes:session.chooseLesson")}>
                {(control) => (
                  <select {...control} className="cls-select" defaultValue={lesson ? `${lesson.moduleId}/${lesson.id}` : undefined}>
                    {modules.map((m) => (
                      <optgroup key={m.id} label={m.title}>
                        {m.lessons.map((l) => (
                          <option key={l.id} value={`${m.id}/${l.id}`}>
                            {l.title}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </select>
                )}
              </FieldFrame>
              <button type="submit" className="button">
                {t("classes:session.show")}
              </button>
            </Form>
          </section>

          {lesson ? (
            <section aria-labelledby="live" className="cls-live">
              <h2 id="live">{lesson.title}</h2>
              <p>
                <Link
                  className="button button-primary"
                  to={`${base}/session/present?${new URLSearchParams({ lesson: `${lesson.moduleId}/${lesson.id}` })}`}
                >
                  {t("classes:session.present")}
                </Link>
              </p>
              <p className="hint">{t("classes:session.presentHint")}</p>
              <div className="cls-lesson-qr">
                <QrCode qr={lesson.qr} label={t("classes:session.lessonQr", { title: lesson.title })} />
                <p>
                  {t("classes:session.followAlong")}{" "}
                  <a href={lesson.url} className="cls-url">
                    {lesson.url}
                  </a>
                </p>
              </div>
              <h3>
                {presentCount
                  ? t("classes:session.livePresent", { mastered, total: counted.length })
                  : t("classes:session.liveAll", { mastered, total: counted.length })}
              </h3>
              <ul className="cls-rows" aria-live="polite">
                {members.map((m) => (
                  <li key={m.id}>
                    <span>
                      {m.name}
                      {m.present || !presentCount ? "" : <span className="meta"> ({t("classes:session.absent")})</span>}
                    </span>
                    <StateCell status={m.status} />
                  </li>
                ))}
              </ul>
              <p className="hint">
                {hydrated ? t("classes:session.refreshHint", { time }) : t("classes:session.refreshHintNoJs", { time })}{" "}
                {hydrated ? null : (
                  <a href={`${base}/session?${new URLSearchParams({ at: refreshedAt })}#live`}>{t("classes:session.refreshNow")}</a>
                )}
              </p>
            </section>
          ) : null}

          <section aria-labelledby="end-heading" className="cls-box" id="end">
            <h2 id="end-heading">{t("classes:session.endHeading")}</h2>
            <Form method="post" className="form" action={`${base}/session#end`} noValidate>
              {endError ? <ErrorSummary items={[{ href: "#taught", text: t(`classes:errors.${endError}`) }]} /> : null}
              <input type="hidden" name="intent" value="end" />
              <FieldFrame
                name="taught"
                label={t("classes:session.taught")}
                hint={t("classes:session.taughtHint")}
                errorPrefix="classes:errors"
                error={endError}
              >
                {(control) => <textarea {...control} rows={3} defaultValue={failure?.taught ?? lesson?.title ?? ""} />}
              </FieldFrame>
              <button type="submit" className="button button-primary">
                {t("classes:session.end")}
              </button>
            </Form>
          </section>
        </>
      )}
      {history.length ? (
        <section aria-labelledby="history">
          <h2 id="history">{t("classes:session.history")}</h2>
          <ul className="cls-list">
            {history.map((h) => (
              <li key={h.id} className="card" data-session-day={h.day}>
                <h3 className="cls-card-title">{formatDay(h.day, locale)}</h3>
                <p>{h.lesson ? t("classes:session.historyLesson", { title: h.lesson }) : t("classes:session.historyNoLesson")}</p>
                {h.taught ? <p>{t("classes:session.historyTaught", { taught: h.taught })}</p> : null}
                <p>
                  <strong>{t("classes:session.historyPresent", { count: h.present, marked: h.marked })}</strong>
                  {h.names.length ? `: ${h.names.join(", ")}` : ""}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
