import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { PlaceChosen, PlaceFields, UnitPicker, placeErrorItems } from "~/components/units/unit-picker";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { requireLearner } from "~/modules/classes/access.server";
import { readFormData } from "~/modules/http/forms";
import { loadUnitPicker } from "~/modules/units/picker.server";
import { readPlaceForm } from "~/modules/units/place.server";
import { getLearnerPlace, setLearnerPlace } from "~/modules/units/units.server";
import { noteProfileConsent } from "~/modules/accounts/consent.server";

/** The learner's own place and group: optional, changeable at any time, shown to officials only as numbers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, db } = await requireLearner(request);
  const place = await getLearnerPlace(db, learner.id);
  const picker = await loadUnitPicker(db, { search: new URL(request.url).searchParams, current: place.unitCode });
  return { locale, place, picker, isGuest: learner.kind === "guest", title: translate(locale, "units:profile.title") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { learner, db } = await requireLearner(request);
  const read = await readPlaceForm(db, await readFormData(request));
  if (!read.ok) return data(read, { status: 400 });
  await setLearnerPlace(db, { learnerId: learner.id, place: read.place });
  // Giving any optional detail is consenting to keep it (issue 14); withdrawn on the data page.
  if (read.place.unitCode || read.place.audience || read.place.birthYear) await noteProfileConsent(db, { learnerId: learner.id });
  return redirect(`/${locale}/profile?saved=1`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function ProfilePage() {
  const { place, picker, isGuest } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const location = useLocation();
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t("units:profile.title")}</h1>
      <p className="lead">{t("units:place.why")}</p>
      <p>{t("units:profile.lead")}</p>
      {isGuest ? <p className="meta">{t("units:profile.guestNote")}</p> : null}
      {params.get("saved") ? (
        <p className="alert" role="status">
          {t("units:profile.saved")}
        </p>
      ) : null}
      <UnitPicker picker={picker} legend={t("units:place.legend")} />
      {/* Sent to #place-form (keeping the place chosen in the address): without JavaScript a refusal comes back at the form. */}
      <Form method="post" action={`${location.search}#place-form`} id="place-form" className="form" noValidate>
        {failure ? (
          <ErrorSummary
            message={failure.errors.unitCode ? t(`units:place.errors.${failure.errors.unitCode}`) : undefined}
            items={placeErrorItems(t, failure.errors)}
          />
        ) : null}
        <PlaceChosen picker={picker} />
        <PlaceFields
          audience={failure?.values.audience ?? place.audience}
          birthYear={failure?.values.birthYear ?? place.birthYear}
          errors={failure?.errors}
        />
        <button type="submit" className="button button-primary">
          {t("units:profile.save")}
        </button>
      </Form>
    </div>
  );
}
