import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TextField } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { requireInstructor } from "~/modules/classes/access.server";
import { readFormData } from "~/modules/http/forms";
import { createClass, listOwnedClasses } from "~/modules/classes/classes.server";
import { formatCode } from "~/modules/classes/codes";
import { classSchema } from "~/modules/classes/validation";
import { readForm } from "~/modules/http/forms";
import { PlaceChosen, UnitPicker } from "~/components/units/unit-picker";
import { loadUnitPicker } from "~/modules/units/picker.server";
import { placeableUnit } from "~/modules/units/units.server";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { instructor, db } = await requireInstructor(request);
  const classes = await listOwnedClasses(db, { ownerId: instructor.id });
  const picker = await loadUnitPicker(db, { search: new URL(request.url).searchParams });
  return {
    locale,
    picker,
    title: translate(locale, "classes:teach.title"),
    classes: classes.map((c) => ({
      id: c.id,
      name: c.name,
      place: c.place,
      schedule: c.schedule,
      code: formatCode(c.join_code),
      memberCount: c.memberCount,
      archived: c.archived_at !== null,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { instructor, db } = await requireInstructor(request);
  const form = await readFormData(request);
  const parsed = readForm(classSchema, form, ["name", "place", "schedule"]);
  if (!parsed.ok) return data(parsed, { status: 400 });
  // The class's unit (optional): one that learners may belong to, or the class is refused with the values kept.
  const unitCode = String(form.get("unitCode") ?? "").trim() || null;
  if (unitCode && !(await placeableUnit(db, unitCode))) {
    return data(
      {
        ok: false as const,
        errors: { unitCode: "unit-unknown" } as Record<string, string>,
        values: parsed.data as unknown as Record<string, string>,
      },
      { status: 400 },
    );
  }
  const klass = await createClass(db, { ownerId: instructor.id, ...parsed.data, unitCode });
  return redirect(`/${locale}/teach/classes/${klass.id}?created=1`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function TeachPage() {
  const { locale, classes, picker } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errors = failure && !failure.ok ? failure.errors : {};
  const values = failure && !failure.ok ? failure.values : {};
  return (
    <div className="page">
      <h1>{t("classes:teach.title")}</h1>
      {classes.length === 0 ? <p className="empty">{t("classes:teach.empty")}</p> : null}
      <ul className="cls-list">
        {classes
          .filter((c) => !c.archived)
          .map((c) => (
            <li key={c.id} className="card">
              <h2 className="cls-card-title">
                <Link to={`/${locale}/teach/classes/${c.id}`}>{c.name}</Link>
              </h2>
              {c.place || c.schedule ? <p className="meta">{[c.place, c.schedule].filter(Boolean).join(" · ")}</p> : null}
              <p>
                {t("classes:teach.members", { count: c.memberCount })} · {t("classes:class.code")}:{" "}
                <strong className="cls-code">{c.code}</strong>
              </p>
            </li>
          ))}
      </ul>
      {classes.some((c) => c.archived) ? (
        <details className="cls-former">
          <summary>{t("classes:teach.archived", { count: classes.filter((c) => c.archived).length })}</summary>
          <ul className="cls-rows">
            {classes
              .filter((c) => c.archived)
              .map((c) => (
                <li key={c.id}>
                  <Link to={`/${locale}/teach/classes/${c.id}`}>{c.name}</Link>
                  <span className="meta">{t("classes:teach.members", { count: c.memberCount })}</span>
                </li>
              ))}
          </ul>
        </details>
      ) : null}
      <h2 id="new-class">{t("classes:teach.newClass")}</h2>
      <UnitPicker picker={picker} legend={t("units:place.classLegend")} why={t("units:place.classWhy")} />
      <Form method="post" className="form" noValidate aria-labelledby="new-class">
        <PlaceChosen picker={picker} />
        {errors.unitCode ? (
          <p className="field-error" role="alert">
            {t(`units:place.errors.${errors.unitCode}`)}
          </p>
        ) : null}
        <TextField
          name="name"
          label={t("classes:teach.name")}
          hint={t("classes:teach.nameHint")}
          required
          maxLength={80}
          defaultValue={values.name}
          error={errors.name}
        />
        <TextField
          name="place"
          label={t("classes:teach.place")}
          hint={t("classes:optional")}
          maxLength={120}
          defaultValue={values.place}
          error={errors.place}
        />
        <TextField
          name="schedule"
          label={t("classes:teach.schedule")}
          hint={t("classes:teach.scheduleHint")}
          maxLength={120}
          defaultValue={values.schedule}
          error={errors.schedule}
        />
        <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
          {t("classes:teach.create")}
        </button>
      </Form>
    </div>
  );
}
