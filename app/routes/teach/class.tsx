import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ConfirmBox, FormAlert, formatDay, formatTime, Notice, TextField } from "~/components/classes/ui";
import { ShareLink } from "~/components/share/ShareLink";
import { recordAudit } from "~/modules/audit/audit.server";
import { useTranslation } from "~/i18n/react";
import { getCourse } from "~/modules/content/course-instance.server";
import { requireOwnedClass } from "~/modules/classes/access.server";
import { readFormData } from "~/modules/http/forms";
import {
  addBackMember,
  assignModule,
  listAssignments,
  listMembers,
  renewJoinCode,
  setArchived,
  setDueDate,
  setJoiningOpen,
  unassignModule,
  updateClass,
} from "~/modules/classes/classes.server";
import { formatCode, vietnamDay } from "~/modules/classes/codes";
import { assignmentSchema, classSchema, dueDateError } from "~/modules/classes/validation";
import { readForm } from "~/modules/http/forms";
import classesCss from "~/styles/classes.css?url";
import { missingPublicUrl, siteOrigin } from "~/modules/http/public-url.server";
import { PublicUrlNotice } from "~/components/PublicUrlNotice";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass, db } = await requireOwnedClass(request, params);
  const [course, members, assignments] = await Promise.all([
    getCourse(),
    listMembers(db, { classId: klass.id }),
    listAssignments(db, { classId: klass.id }),
  ]);
  const modules = course.modules(locale);
  const titleOf = new Map(modules.map((m) => [m.id, m.title]));
  // What was just done, to whom (the notice after a redirect names the person or module).
  const url = new URL(request.url);
  const nameOf = (id: string | null) =>
    id ? (members.former.find((f) => f.id === id)?.name ?? members.active.find((m) => m.id === id)?.name ?? null) : null;
  const done = {
    removed: nameOf(url.searchParams.get("removed")),
    addedBack: nameOf(url.searchParams.get("addedBack")),
    unassigned: titleOf.get(url.searchParams.get("unassigned") ?? "") ?? null,
    dueChanged: titleOf.get(url.searchParams.get("due") ?? "") ?? null,
    pinsDone: Number(url.searchParams.get("pinsDone")) || null,
    newCode: url.searchParams.has("newCode"),
    archived: url.searchParams.has("archived"),
    reopened: url.searchParams.has("reopened"),
  };
  return {
    done,
    today: vietnamDay(new Date()),
    publicUrlMissing: missingPublicUrl(),
    locale,
    title: klass.name,
    klass: {
      id: klass.id,
      name: klass.name,
      place: klass.place,
      schedule: klass.schedule,
      code: formatCode(klass.join_code),
      joiningOpen: klass.joining_closed_at === null,
      archivedAt: klass.archived_at,
    },
    joinUrl: `${siteOrigin()}/${locale}/join/${klass.join_code}`,
    modules: modules.map((m) => ({ id: m.id, title: m.title })),
    assignments: assignments
      .filter((a) => titleOf.has(a.module_id))
      .map((a) => ({ moduleId: a.module_id, title: titleOf.get(a.module_id)!, dueDate: a.due_date })),
    members: members.active.map((m) => ({
      id: m.id,
      name: m.name,
      username: m.username,
      kind: m.kind,
      pin: m.pin,
      locked: m.locked,
      joinedAt: m.joinedAt,
    })),
    former: members.former,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { locale, instructor, klass, db } = await requireOwnedClass(request, params);
  const form = await readFormData(request);
  const intent = form.get("intent");
  const here = `/${locale}/teach/classes/${klass.id}`;
  const confirmed = form.get("confirmed") === "yes";
  const today = vietnamDay(new Date());
  const moduleId = String(form.get("moduleId") ?? "").slice(0, 100);
  const ask = (what: string) =>
    data({
      ok: false as const,
      intent: null,
      errors: {} as Record<string, string>,
      values: {} as Record<string, string>,
      confirm: { what, moduleId },
    });
  if (intent === "assign" || intent === "setDue") {
    const parsed = readForm(assignmentSchema, form, ["moduleId", "dueDate"]);
    if (!parsed.ok) return data({ ...parsed, intent }, { status: 400 });
    // A due date in the past is a typing mistake, not a wish: say so and keep what was typed.
    const past = dueDateError(parsed.data.dueDate, today);
    if (past)
      return data(
        {
          ok: false as const,
          intent,
          errors: { dueDate: past } as Record<string, string>,
          values: { moduleId: parsed.data.moduleId, dueDate: parsed.data.dueDate ?? "" } as Record<string, string>,
        },
        { status: 400 },
      );
    if (intent === "setDue") {
      if (
        !(await setDueDate(db, { classId: klass.id, ownerId: instructor.id, moduleId: parsed.data.moduleId, dueDate: parsed.data.dueDate }))
      )
        return data(
          { ok: false as const, intent, errors: { form: "unknownAction" } as Record<string, string>, values: {} as Record<string, string> },
          { status: 400 },
        );
      return redirect(`${here}?due=${encodeURIComponent(parsed.data.moduleId)}#assignments`);
    }
    const course = await getCourse();
    if (!course.module(locale, parsed.data.moduleId))
      return data(
        {
          ok: false as const,
          intent,
          errors: { moduleId: "moduleRequired" } as Record<string, string>,
          values: { moduleId: "", dueDate: parsed.data.dueDate ?? "" } as Record<string, string>,
        },
        { status: 400 },
      );
    await assignModule(db, { classId: klass.id, ownerId: instructor.id, moduleId: parsed.data.moduleId, dueDate: parsed.data.dueDate });
    return redirect(`${here}?assigned=${encodeURIComponent(parsed.data.moduleId)}#assignments`);
  }
  if (intent === "unassign") {
    if (!confirmed) return ask("unassign");
    if (await unassignModule(db, { classId: klass.id, ownerId: instructor.id, moduleId }))
      await recordAudit(db, { actorId: instructor.id, action: "class.unassign", classId: klass.id, detail: { module: moduleId } });
    return redirect(`${here}?unassigned=${encodeURIComponent(moduleId)}#assignments`);
  }
  if (intent === "newCode") {
    if (!confirmed) return ask("newCode");
    await renewJoinCode(db, { classId: klass.id, ownerId: instructor.id });
    await recordAudit(db, { actorId: instructor.id, action: "class.newCode", classId: klass.id });
    return redirect(`${here}?newCode=1#join-heading`);
  }
  if (intent === "archive") {
    if (!confirmed) return ask("archive");
    await setArchived(db, { classId: klass.id, ownerId: instructor.id, archived: true });
    await recordAudit(db, { actorId: instructor.id, action: "class.archive", classId: klass.id });
    return redirect(`${here}?archived=1`);
  }
  if (intent === "reopen") {
    await setArchived(db, { classId: klass.id, ownerId: instructor.id, archived: false });
    await recordAudit(db, { actorId: instructor.id, action: "class.reopen", classId: klass.id });
    return redirect(`${here}?reopened=1`);
  }
  if (intent === "addBack") {
    const learnerId = String(form.get("learnerId") ?? "").slice(0, 40);
    if (await addBackMember(db, { classId: klass.id, ownerId: instructor.id, learnerId }))
      await recordAudit(db, { actorId: instructor.id, action: "class.addBack", subjectId: learnerId, classId: klass.id });
    return redirect(`${here}?addedBack=${encodeURIComponent(learnerId)}#members`);
  }
  if (intent === "closeJoining" || intent === "openJoining") {
    await setJoiningOpen(db, { classId: klass.id, ownerId: instructor.id, open: intent === "openJoining" });
    return redirect(`${here}#join-heading`);
  }
  if (intent === "update") {
    const parsed = readForm(classSchema, form, ["name", "place", "schedule"]);
    if (!parsed.ok) return data({ ...parsed, intent }, { status: 400 });
    await updateClass(db, { classId: klass.id, ownerId: instructor.id, ...parsed.data });
    return redirect(`${here}?updated=1`);
  }
  return data(
    { ok: false as const, intent: null, errors: { form: "unknownAction" } as Record<string, string>, values: {} as Record<string, string> },
    { status: 400 },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function ClassPage() {
  const { publicUrlMissing, locale, klass, joinUrl, modules, assignments, members, former, done, today } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const base = `/${locale}/teach/classes/${klass.id}`;
  const assignErrors = failure && !failure.ok && failure.intent === "assign" ? failure.errors : {};
  const updateErrors = failure && !failure.ok && failure.intent === "update" ? failure.errors : {};
  const updateValues = failure && !failure.ok && failure.intent === "update" ? failure.values : {};
  const assigned = new Set(assignments.map((a) => a.moduleId));
  const confirm = failure && "confirm" in failure ? (failure.confirm as { what: string; moduleId: string }) : null;
  const dueErrors = failure && !failure.ok && failure.intent === "setDue" ? failure.errors : {};
  const dueValues = failure && !failure.ok && failure.intent === "setDue" ? failure.values : {};
  const titleOf = new Map(assignments.map((a) => [a.moduleId, a.title]));
  return (
    <div className="page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/${locale}/teach`}>{t("classes:teach.title")}</Link>
      </nav>
      <h1>{klass.name}</h1>
      <PublicUrlNotice missing={publicUrlMissing} />
      {klass.place || klass.schedule ? <p className="meta">{[klass.place, klass.schedule].filter(Boolean).join(" · ")}</p> : null}
      {params.get("created") ? <Notice>{t("classes:class.created")}</Notice> : null}
      {params.get("updated") ? <Notice>{t("classes:class.updated")}</Notice> : null}
      {done.archived ? <Notice>{t("classes:class.archivedNotice")}</Notice> : null}
      {done.reopened ? <Notice>{t("classes:class.reopenedNotice")}</Notice> : null}
      {klass.archivedAt ? (
        <div className="alert" role="status">
          <p>{t("classes:class.archivedState", { date: formatDay(klass.archivedAt.slice(0, 10), locale) })}</p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="reopen" />
            <button type="submit" className="button">
              {t("classes:class.reopen")}
            </button>
          </Form>
        </div>
      ) : null}
      <FormAlert error={failure && !failure.ok && failure.intent === null ? failure.errors.form : undefined} />

      <section className="cls-join" aria-labelledby="join-heading">
        <h2 id="join-heading">{t("classes:class.joinHeading")}</h2>
        {done.newCode ? <Notice>{t("classes:class.newCodeNotice", { code: klass.code })}</Notice> : null}
        <p>
          {t("classes:class.code")}: <strong className="cls-code cls-code-big">{klass.code}</strong>
        </p>
        <ShareLink url={joinUrl} title={klass.name} label={t("classes:class.joinLink")} />
        <p>
          <Link className="button" to={`${base}/poster`}>
            {t("classes:class.poster")}
          </Link>
        </p>
        <p role="status">{klass.joiningOpen ? t("classes:class.joiningOpen") : t("classes:class.joiningClosed")}</p>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value={klass.joiningOpen ? "closeJoining" : "openJoining"} />
          <button type="submit" className="button">
            {klass.joiningOpen ? t("classes:class.closeJoining") : t("classes:class.openJoining")}
          </button>
        </Form>
        {confirm?.what === "newCode" ? (
          <ConfirmBox
            id="confirm-code"
            question={t("classes:class.confirmNewCode")}
            detail={t("classes:class.confirmNewCodeDetail")}
            yes={t("classes:class.confirmNewCodeYes")}
            no={t("classes:confirm.no")}
            noTo={`${base}#join-heading`}
            fields={{ intent: "newCode" }}
          />
        ) : null}
        <Form method="post" className="inline-form" action="#confirm-code">
          <input type="hidden" name="intent" value="newCode" />
          <button type="submit" className="button">
            {t("classes:class.newCode")}
          </button>
        </Form>
      </section>

      <nav aria-label={t("classes:class.tools")} className="cls-tools">
        <Link className="button button-primary" to={`${base}/progress`}>
          {t("classes:class.dashboard")}
        </Link>
        <Link className="button" to={`${base}/session`}>
          {t("classes:class.session")}
        </Link>
        <Link className="button" to={`${base}/contests`}>
          {t("contests:organise.nav")}
        </Link>
        <Link className="button" to={`${base}/learners/new`}>
          {t("classes:class.addLearners")}
        </Link>
        <Link className="button" to={`${base}/cards`}>
          {t("classes:class.cards")}
        </Link>
        <a className="button" href={`${base}/export.xlsx`} download>
          {t("classes:class.exportXlsx")}
        </a>
        <a className="button" href={`${base}/export.csv`} download>
          {t("classes:class.export")}
        </a>
      </nav>

      <section aria-labelledby="assignments">
        <h2 id="assignments">{t("classes:class.assignments")}</h2>
        {params.get("assigned") ? <Notice>{t("classes:class.assignedNotice")}</Notice> : null}
        {done.unassigned ? <Notice>{t("classes:class.unassignedNotice", { title: done.unassigned })}</Notice> : null}
        {done.dueChanged ? <Notice>{t("classes:class.dueChangedNotice", { title: done.dueChanged })}</Notice> : null}
        {confirm?.what === "unassign" && titleOf.has(confirm.moduleId) ? (
          <ConfirmBox
            id="confirm-unassign"
            question={t("classes:class.confirmUnassign", { title: titleOf.get(confirm.moduleId) })}
            detail={t("classes:class.confirmUnassignDetail")}
            yes={t("classes:class.confirmUnassignYes")}
            no={t("classes:confirm.no")}
            noTo={`${base}#assignments`}
            fields={{ intent: "unassign", moduleId: confirm.moduleId }}
          />
        ) : null}
        {assignments.length === 0 ? <p className="empty">{t("classes:class.noAssignments")}</p> : null}
        <ul className="cls-rows">
          {assignments.map((a) => (
            <li key={a.moduleId}>
              <span>
                <strong>{a.title}</strong>
                <span className="meta">
                  {" "}
                  · {a.dueDate ? t("classes:class.due", { date: formatDay(a.dueDate, locale) }) : t("classes:class.noDue")}
                </span>
              </span>
              <details className="cls-due" open={dueValues.moduleId === a.moduleId || undefined}>
                <summary>
                  {t("classes:class.changeDue")}
                  <span className="visually-hidden">: {a.title}</span>
                </summary>
                <Form method="post" className="form" action={`#due-${a.moduleId}`} noValidate>
                  <input type="hidden" name="intent" value="setDue" />
                  <input type="hidden" name="moduleId" value={a.moduleId} />
                  <TextField
                    id={`due-${a.moduleId}`}
                    name="dueDate"
                    type="date"
                    min={today}
                    label={t("classes:class.dueDate")}
                    hint={t("classes:class.dueChangeHint")}
                    defaultValue={dueValues.moduleId === a.moduleId ? dueValues.dueDate : (a.dueDate ?? "")}
                    error={dueValues.moduleId === a.moduleId ? dueErrors.dueDate : undefined}
                  />
                  <button type="submit" className="button">
                    {t("classes:class.saveDue")}
                  </button>
                </Form>
              </details>
              <Form method="post" className="inline-form" action="#assignments">
                <input type="hidden" name="intent" value="unassign" />
                <input type="hidden" name="moduleId" value={a.moduleId} />
                <button type="submit" className="button">
                  {t("classes:class.unassign")}
                  <span className="visually-hidden">: {a.title}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" className="form cls-assign" noValidate>
          <input type="hidden" name="intent" value="assign" />
          <div className={`field${assignErrors.moduleId ? " field-invalid" : ""}`}>
            <label htmlFor="moduleId">{t("classes:class.module")}</label>
            <select
              id="moduleId"
              name="moduleId"
              className="cls-select"
              aria-invalid={assignErrors.moduleId ? true : undefined}
              aria-describedby={assignErrors.moduleId ? "moduleId-error" : undefined}
            >
              {modules.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title}
                  {assigned.has(m.id) ? ` (${t("classes:class.alreadyAssigned")})` : ""}
                </option>
              ))}
            </select>
            {assignErrors.moduleId ? (
              <p className="field-error" id="moduleId-error">
                {t(`classes:errors.${assignErrors.moduleId}`)}
              </p>
            ) : null}
          </div>
          <TextField
            name="dueDate"
            type="date"
            label={t("classes:class.dueDate")}
            hint={t("classes:class.dueDateHint")}
            min={today}
            defaultValue={failure && !failure.ok && failure.intent === "assign" ? failure.values.dueDate : undefined}
            error={assignErrors.dueDate}
          />
          <button type="submit" className="button button-primary">
            {t("classes:class.assign")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="members">
        <h2 id="members">{t("classes:class.members", { count: members.length })}</h2>
        {done.removed ? <Notice>{t("classes:class.removedNotice", { name: done.removed })}</Notice> : null}
        {done.addedBack ? <Notice>{t("classes:class.addedBackNotice", { name: done.addedBack })}</Notice> : null}
        {done.pinsDone ? <Notice>{t("classes:pins.doneNotice", { count: done.pinsDone })}</Notice> : null}
        {members.length === 0 ? <p className="empty">{t("classes:class.noMembers")}</p> : null}
        <ul className="cls-rows">
          {members.map((m) => (
            <li key={m.id}>
              <Link to={`${base}/learners/${m.id}`}>{m.name}</Link>
              <span className="meta">
                {m.pin
                  ? t("classes:class.pinLogin", { username: m.username })
                  : m.kind === "guest"
                    ? t("classes:class.guest")
                    : t("classes:class.ownAccount")}
                {m.locked ? ` · ${t("classes:class.locked")}` : ""}
                {/* When each joined: tells apart two guests of the same name (Vietnam time). */}
                {` · ${t("classes:class.joinedAt", { time: formatTime(m.joinedAt, locale) })}`}
              </span>
            </li>
          ))}
        </ul>
        {former.length ? (
          <details className="cls-former" open={done.removed ? true : undefined}>
            <summary>{t("classes:class.former", { count: former.length })}</summary>
            <p className="hint">{t("classes:class.formerHint")}</p>
            <ul className="cls-rows">
              {former.map((f) => (
                <li key={f.id}>
                  <span>
                    {f.name} ·{" "}
                    {t(f.reason === "removed" ? "classes:class.removedOn" : "classes:class.leftOn", {
                      date: formatDay(f.leftAt.slice(0, 10), locale),
                    })}
                  </span>
                  <Form method="post" className="inline-form" action="#members">
                    <input type="hidden" name="intent" value="addBack" />
                    <input type="hidden" name="learnerId" value={f.id} />
                    <button type="submit" className="button">
                      {t("classes:class.addBack")}
                      <span className="visually-hidden">: {f.name}</span>
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <details className="cls-edit">
        <summary>{t("classes:class.edit")}</summary>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="update" />
          <TextField
            name="name"
            label={t("classes:teach.name")}
            required
            maxLength={80}
            defaultValue={updateValues.name ?? klass.name}
            error={updateErrors.name}
          />
          <TextField
            name="place"
            label={t("classes:teach.place")}
            maxLength={120}
            defaultValue={updateValues.place ?? klass.place ?? ""}
            error={updateErrors.place}
          />
          <TextField
            name="schedule"
            label={t("classes:teach.schedule")}
            maxLength={120}
            defaultValue={updateValues.schedule ?? klass.schedule ?? ""}
            error={updateErrors.schedule}
          />
          <button type="submit" className="button button-primary">
            {t("classes:class.save")}
          </button>
        </Form>
      </details>

      {klass.archivedAt ? null : (
        <section aria-labelledby="archive-heading" className="cls-box">
          <h2 id="archive-heading">{t("classes:class.archiveHeading")}</h2>
          <p>{t("classes:class.archiveHint")}</p>
          {confirm?.what === "archive" ? (
            <ConfirmBox
              id="confirm-archive"
              question={t("classes:class.confirmArchive", { name: klass.name })}
              detail={t("classes:class.archiveHint")}
              yes={t("classes:class.confirmArchiveYes")}
              no={t("classes:confirm.no")}
              noTo={`${base}#archive-heading`}
              fields={{ intent: "archive" }}
            />
          ) : null}
          <Form method="post" action="#confirm-archive">
            <input type="hidden" name="intent" value="archive" />
            <button type="submit" className="button cls-danger">
              {t("classes:class.archive")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
