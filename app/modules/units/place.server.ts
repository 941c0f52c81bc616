import type { Database } from "#db/client";
import { readForm, type FieldErrors } from "~/modules/http/forms";
import { PLACE_FIELDS, placeSchema } from "./place";
import { placeableUnit, type LearnerPlace } from "./units.server";

/** Reads and checks the place fields of a posted form (unit, audience, birth year) before anything is written. */
export async function readPlaceForm(
  db: Database,
  form: FormData,
): Promise<{ ok: true; place: LearnerPlace; given: boolean } | { ok: false; errors: FieldErrors; values: Record<string, string> }> {
  const parsed = readForm(placeSchema, form, PLACE_FIELDS);
  if (!parsed.ok) return parsed;
  const place: LearnerPlace = { unitCode: parsed.data.unitCode, audience: parsed.data.audience, birthYear: parsed.data.birthYear };
  if (place.unitCode && !(await placeableUnit(db, place.unitCode))) {
    const values: Record<string, string> = {};
    for (const f of PLACE_FIELDS) values[f] = String(form.get(f) ?? "");
    return { ok: false, errors: { unitCode: "unit-unknown" }, values };
  }
  return { ok: true, place, given: !!(place.unitCode || place.audience || place.birthYear) };
}
