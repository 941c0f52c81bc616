import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormAlert, formatDay, Notice, TextField } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { getCourse } from "~/modules/content/course-instance.server";
import { requireOwnedClass } from "~/modules/classes/access.server";
import { readFormData } from "~/modules/http/forms";
import { assignModule, listAssignments, listMembers, setJoiningOpen, unassignModule, updateClass } from "~/modules/classes/classes.server";
import { formatCode } from "~/modules/classes/codes";
import { assignmentSchema, classSchema } from "~/modules/classes/validation";
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
  return {
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
    },
    joinUrl: `${siteOrigin()}/${locale}/join/${klass.join_code}`,
    modules: modules.map((m) => ({ id: m.id, title: m.title })),
    assignments: assignments
      .filter((a) => titleOf.has(a.module_id))
      .map((a) => ({ moduleId: a.module_id, title: titleOf.get(a.module_id)!, dueDate: a.due_date })),
    members: members.active.map((m) => ({ id: m.id, name: m.name, username: m.username, kind: m.kind, pin: m.pin, locked: m.locked })),
    former: members.former,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { locale, instructor, klass, db } = await requireOwnedClass(request, params);
  const form = await readFormData(request);
  const intent = form.get("intent");
  const here = `/${locale}/teach/classes/${klass.id}`;
  if (intent === "assign") {
    const parsed = readForm(assignmentSchema, form, ["moduleId", "dueDate"]);
    if (!parsed.ok) return data({ ...parsed, intent }, { status: 400 });
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
    await unassignModule(db, { classId: klass.id, ownerId: instructor.id, moduleId: String(form.get("moduleId") ?? "") });
    return redirect(`${here}#assignments`);
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
  const { publicUrlMissing, locale, klass, joinUrl, modules, assignments, members, former } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const base = `/${locale}/teach/classes/${klass.id}`;
  const assignErrors = failure && !failure.ok && failure.intent === "assign" ? failure.errors : {};
  const updateErrors = failure && !failure.ok && failure.intent === "update" ? failure.errors : {};
  const updateValues = failure && !failure.ok && failure.intent === "update" ? failure.values : {};
  const assigned = new Set(assignments.map((a) => a.moduleId));
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
      <FormAlert error={failure && !failure.ok && failure.intent === null ? failure.errors.form : undefined} />

      <section className="cls-join" aria-labelledby="join-heading">
        <h2 id="join-heading">{t("classes:class.joinHeading")}</h2>
        <p>
          {t("classes:class.code")}: <strong className="cls-code cls-code-big">{klass.code}</strong>
        </p>
        <p>
          {t("classes:class.joinLink")}:{" "}
          <a href={joinUrl} className="cls-url">
            {joinUrl}
          </a>
        </p>
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
        <a className="button" href={`${base}/export.csv`} download>
          {t("classes:class.export")}
        </a>
      </nav>

      <section aria-labelledby="assignments">
        <h2 id="assignments">{t("classes:class.assignments")}</h2>
        {params.get("assigned") ? <Notice>{t("classes:class.assignedNotice")}</Notice> : null}
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
              <Form method="post" className="inline-form">
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
            error={assignErrors.dueDate}
          />
          <button type="submit" className="button button-primary">
            {t("classes:class.assign")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="members">
        <h2 id="members">{t("classes:class.members", { count: members.length })}</h2>
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
              </span>
            </li>
          ))}
        </ul>
        {former.length ? (
          <details className="cls-former">
            <summary>{t("classes:class.former", { count: former.length })}</summary>
            <ul>
              {former.map((f) => (
                <li key={f.id}>
                  {f.name} ·{" "}
                  {t(f.reason === "removed" ? "classes:class.removedOn" : "classes:class.leftOn", {
                    date: formatDay(f.leftAt.slice(0, 10), locale),
                  })}
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
    </div>
  );
}
