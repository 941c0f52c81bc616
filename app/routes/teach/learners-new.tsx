import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from "@remix-run/react";
import { keepPins, pendingPins } from "~/modules/classes/handouts.server";
import { FormAlert, TextField } from "~/components/classes/ui";
import { ReadAloudConsent } from "~/components/classes/organiser";
import { useTranslation } from "~/i18n/react";
import { translate } from "~/i18n/locale.server";
import { createPinLearners } from "~/modules/accounts/pin.server";
import { requireOwnedClass } from "~/modules/classes/access.server";
import { readFormData } from "~/modules/http/forms";
import { addMembers } from "~/modules/classes/classes.server";
import { MAX_NEW_LEARNERS, parseNewLearners } from "~/modules/classes/validation";
import classesCss from "~/styles/classes.css?url";
import { PlaceChosen, PlaceFields, UnitPicker } from "~/components/units/unit-picker";
import { loadUnitPicker } from "~/modules/units/picker.server";
import { readPlaceForm } from "~/modules/units/place.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass, db } = await requireOwnedClass(request, params);
  // Where these learners belong: the class's unit unless the facilitator picks another.
  const picker = await loadUnitPicker(db, { search: new URL(request.url).searchParams, current: klass.unit_code });
  return {
    locale,
    picker,
    klass: { id: klass.id, name: klass.name },
    maxRows: MAX_NEW_LEARNERS,
    title: translate(locale, "classes:newLearners.title"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { locale, instructor, klass, db } = await requireOwnedClass(request, params);
  const form = await readFormData(request);
  // "Thêm dòng": the same form back with what was typed and more empty rows (works without JavaScript).
  if (form.get("intent") === "addRows") {
    const values = typedValues(form);
    const shown = Number(form.get("rows"));
    const rows = Math.min(MAX_NEW_LEARNERS, Math.max(rowsWithValues(values), Number.isInteger(shown) && shown > 0 ? shown : 3) + 3);
    return data({ ok: false as const, errors: {} as Partial<Record<string, string>>, values, rows });
  }
  const parsed = parseNewLearners(form, { thisYear: new Date().getFullYear() });
  const place = await readPlaceForm(db, form);
  // Consent on record (issue 14): the facilitator read the privacy page to the people present.
  const consented = form.get("consent") === "yes";
  if (!parsed.ok || !place.ok || !consented) {
    const values = typedValues(form);
    const errors: Partial<Record<string, string>> = {
      ...(parsed.ok ? {} : parsed.errors),
      ...(place.ok ? {} : place.errors),
      ...(consented ? {} : { form: "consentMissing" }),
    };
    return data({ ok: false as const, errors, values, rows: rowsWithValues(values) }, { status: 400 });
  }
  const unitCode = place.place.unitCode ?? klass.unit_code;
  const earlier = await pendingPins(db, request, { classId: klass.id, ownerId: instructor.id });
  let setCookie = "";
  await createPinLearners(db, {
    createdBy: instructor.id,
    people: parsed.people,
    afterCreate: async (trx, learnerIds) => {
      await addMembers(trx, { classId: klass.id, learnerIds });
      if (learnerIds.length && (unitCode || place.place.audience)) {
        await trx
          .updateTable("learner_profiles")
          .set({ unit_code: unitCode, audience: place.place.audience, profile_updated_at: new Date().toISOString() })
          .where("learner_id", "in", learnerIds)
          .execute();
      }
    },
    // The PINs stay reachable (sealed, key in this browser) until the facilitator says they are written down.
    afterPins: async (trx, pins) => {
      setCookie = await keepPins(trx, request, { classId: klass.id, ownerId: instructor.id, pins, earlier });
    },
  });
  return redirect(`/${locale}/teach/classes/${klass.id}/pins`, { headers: { "Set-Cookie": setCookie } });
}

/** What was typed, to show it again (with more rows, or with what to correct). */
function typedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = { audience: String(form.get("audience") ?? "").slice(0, 40) };
  for (let i = 0; i < MAX_NEW_LEARNERS; i++)
    for (const field of ["name", "birthYear", "place"]) values[`${field}_${i}`] = String(form.get(`${field}_${i}`) ?? "").slice(0, 480);
  return values;
}

/** How many rows to show again after a failed submission: up to the last one filled in. */
function rowsWithValues(values: Record<string, string>): number {
  let last = 0;
  for (let i = 0; i < MAX_NEW_LEARNERS; i++) if (values[`name_${i}`] || values[`birthYear_${i}`] || values[`place_${i}`]) last = i + 1;
  return Math.max(last, 3);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function NewLearnersPage() {
  const { locale, klass, maxRows, picker } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const base = `/${locale}/teach/classes/${klass.id}`;

  const failure = result;
  const requested = Number(params.get("rows"));
  const rows = Math.min(maxRows, Math.max(failure?.rows ?? 3, Number.isFinite(requested) ? requested : 3));
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  return (
    <div className="page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={base}>{klass.name}</Link>
      </nav>
      <h1>{t("classes:newLearners.title")}</h1>
      <p className="lead">{t("classes:newLearners.lead")}</p>
      <FormAlert error={errors.form} />
      {Object.keys(errors).some((k) => k !== "form" && k !== "audience" && k !== "unitCode") ? <FormAlert error="fixRows" /> : null}
      <UnitPicker
        picker={picker}
        legend={t("units:place.legend")}
        why={t("units:place.whyFacilitator")}
        keep={params.get("rows") ? { rows: params.get("rows")! } : {}}
      />
      <Form method="post" className="form" noValidate>
        <PlaceChosen picker={picker} />
        <PlaceFields
          audience={values.audience}
          errors={{ audience: errors.audience, unitCode: errors.unitCode }}
          legend={t("units:place.audienceFor")}
          hideBirthYear
        />
        {Array.from({ length: rows }, (_, i) => (
          <fieldset key={i} className="cls-person" id={`person-${i}`}>
            <legend>{t("classes:newLearners.person", { number: i + 1 })}</legend>
            <TextField
              name={`name_${i}`}
              label={t("classes:newLearners.fullName")}
              autoComplete="off"
              maxLength={80}
              defaultValue={values[`name_${i}`]}
              error={errors[`name_${i}`]}
            />
            <TextField
              name={`birthYear_${i}`}
              label={t("classes:newLearners.birthYear")}
              hint={t("classes:optional")}
              inputMode="numeric"
              autoComplete="off"
              maxLength={4}
              defaultValue={values[`birthYear_${i}`]}
              error={errors[`birthYear_${i}`]}
            />
            <TextField
              name={`place_${i}`}
              label={t("classes:newLearners.place")}
              hint={t("classes:optional")}
              autoComplete="off"
              maxLength={120}
              defaultValue={values[`place_${i}`]}
              error={errors[`place_${i}`]}
            />
          </fieldset>
        ))}
        <fieldset className="cls-consent" id="consent-box">
          <legend>{t("classes:newLearners.consentLegend")}</legend>
          <ReadAloudConsent locale={locale} label={t("classes:newLearners.consent")} invalid={errors.form === "consentMissing"} />
        </fieldset>
        <input type="hidden" name="rows" value={rows} />
        {rows < maxRows ? (
          <p>
            <button
              type="submit"
              name="intent"
              value="addRows"
              className="button"
              formNoValidate
              formAction={`${location.search}#person-${rows}`}
            >
              {t("classes:newLearners.moreRows")}
            </button>
          </p>
        ) : null}
        <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
          {t("classes:newLearners.create")}
        </button>
      </Form>
    </div>
  );
}
