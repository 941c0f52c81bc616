import { Form, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Field, FieldFrame } from "~/components/forms";
import { useTranslation } from "~/i18n/react";
import type { PickerOption, UnitPickerData } from "~/modules/units/picker.server";
import { nameMatches } from "~/modules/units/search";

type Level = "province" | "commune" | "village";

/**
 * Province → commune → village as successive selects in a GET form with a "Tiếp" (Next) button:
 * without JavaScript each press shows the next level, and the choice stays in the address. With
 * JavaScript a choice moves on by itself, and each list gets a box that filters names typed without
 * diacritics ("tan phu" finds "Tân Phú"). The page's own POST form carries the result
 * (`<PlaceChosen>`), so a typed password is never sent with the picker.
 */
export function UnitPicker({
  picker,
  legend,
  why,
  keep = {},
}: {
  picker: UnitPickerData;
  legend: string;
  why?: string;
  keep?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  if (picker.empty) return null;
  const levels: { level: Level; options: PickerOption[]; value: string | null; none: string }[] = [];
  if (picker.provinces.length)
    levels.push({ level: "province", options: picker.provinces, value: picker.province, none: t("units:place.none") });
  if (picker.province) levels.push({ level: "commune", options: picker.communes, value: picker.commune, none: t("units:place.none") });
  if (picker.commune && picker.villages.length)
    levels.push({ level: "village", options: picker.villages, value: picker.village, none: t("units:place.villageUnknown") });
  return (
    <Form method="get" className="unit-picker" ref={formRef} preventScrollReset replace>
      <fieldset className="plain-fieldset">
        <legend>{legend}</legend>
        {why ? <p className="hint">{why}</p> : null}
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {levels.map((l) => (
          <PickerSelect
            key={`${l.level}-${l.value ?? ""}-${l.options.length}`}
            {...l}
            onPick={() => formRef.current && submit(formRef.current, { preventScrollReset: true, replace: true })}
          />
        ))}
        <p className="hint">{t("units:place.nextHint")}</p>
        <button type="submit" className="button">
          {t("units:place.next")}
        </button>
      </fieldset>
    </Form>
  );
}

function PickerSelect({
  level,
  options,
  value,
  none,
  onPick,
}: {
  level: Level;
  options: PickerOption[];
  value: string | null;
  none: string;
  onPick: () => void;
}) {
  const { t } = useTranslation();
  const [hydrated, setHydrated] = useState(false);
  const [query, setQuery] = useState("");
  useEffect(() => setHydrated(true), []);
  const id = `unit-${level}`;
  const shown = query ? options.filter((o) => o.code === value || nameMatches(o.name, query)) : options;
  return (
    <div className="field">
      <label htmlFor={id}>{t(`units:place.${level}`)}</label>
      {hydrated ? (
        <>
          <label className="visually-hidden" htmlFor={`${id}-filter`}>
            {t("units:place.filter")}: {t(`units:place.${level}`)}
          </label>
          <input
            id={`${id}-filter`}
            type="search"
            className="unit-filter"
            placeholder={t("units:place.filter")}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-describedby={`${id}-count`}
          />
          <p className="hint" id={`${id}-count`} aria-live="polite">
            {t("units:place.filterCount", { count: shown.length })}
          </p>
        </>
      ) : null}
      <select id={id} name={level} defaultValue={value ?? ""} onChange={hydrated ? onPick : undefined}>
        <option value="">{none}</option>
        {shown.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Inside the page's POST form: the unit chosen above, as a hidden field, and what it is. */
export function PlaceChosen({ picker }: { picker: UnitPickerData }) {
  const { t } = useTranslation();
  if (picker.empty) return null;
  return (
    <>
      <input type="hidden" name="unitCode" value={picker.unitCode ?? ""} />
      <p className="meta">
        {picker.unitCode && picker.label ? t("units:place.chosen", { place: picker.label }) : t("units:place.notChosen")}
      </p>
    </>
  );
}

const birthYearRange = () => ({ min: "1900", max: String(new Date().getFullYear() - 5) });

/** For the error summary of a form holding `PlaceFields`: a link to each of its fields refused. */
export function placeErrorItems(t: (key: string, values?: Record<string, string>) => string, errors: Partial<Record<string, string>> = {}) {
  return (["audience", "birthYear"] as const)
    .filter((field) => errors[field])
    .map((field) => ({ href: `#${field}`, text: t(`units:place.errors.${errors[field]}`, birthYearRange()) }));
}

/** The audience group and birth year, both optional; errors are keys under units:place.errors. */
export function PlaceFields({
  audience,
  birthYear,
  errors = {},
  legend,
  hideBirthYear = false,
}: {
  audience?: string | null;
  birthYear?: string | number | null;
  errors?: Partial<Record<string, string>>;
  legend?: string;
  /** Where each person has a birth year of their own (a facilitator's list). */
  hideBirthYear?: boolean;
}) {
  const { t } = useTranslation();
  const groups = ["public-sector", "student", "worker", "other"] as const;
  return (
    <>
      <FieldFrame name="audience" label={legend ?? t("units:place.audience")} errorPrefix="units:place.errors" error={errors.audience}>
        {(control) => (
          <select {...control} defaultValue={audience ?? ""}>
            <option value="">{t("units:place.none")}</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {t(`units:audiences.${g}`)}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
      {hideBirthYear ? null : (
        <Field
          name="birthYear"
          label={t("units:place.birthYear")}
          hint={t("units:place.birthYearHint")}
          errorPrefix="units:place.errors"
          error={errors.birthYear}
          errorValues={birthYearRange()}
          inputMode="numeric"
          autoComplete="bday-year"
          maxLength={4}
          defaultValue={birthYear ?? ""}
        />
      )}
      {errors.unitCode ? (
        <p className="field-error" role="alert">
          {t(`units:place.errors.${errors.unitCode}`)}
        </p>
      ) : null}
    </>
  );
}
