import { z } from "zod";
import { normalisePin } from "~/modules/accounts/pin";
import { cleanName, nameField } from "~/modules/names/names";
import { INVITE_CODE_LENGTH, JOIN_CODE_LENGTH, normaliseCode } from "./codes";

/**
 * Forms of the classes namespace. Error messages are i18n keys under `classes:errors.` so the
 * person reads them in their language; what they typed is always sent back to the form.
 */
const text = (max: number, tooLong: string) =>
  z
    .string()
    .max(max * 4, tooLong)
    .default("")
    .transform((s) => s.normalize("NFC").trim().replace(/\s+/g, " "))
    .pipe(z.string().max(max, tooLong));

const optionalText = (max: number, tooLong: string) => text(max, tooLong).transform((s) => s || null);

export const classSchema = z.object({
  name: nameField({ required: "classNameRequired", tooLong: "nameTooLong" }),
  place: optionalText(120, "placeTooLong"),
  schedule: optionalText(120, "scheduleTooLong"),
});

export const MAX_NEW_LEARNERS = 10;

/** The rows of the "create learners" form: name_0, birthYear_0, place_0 … name_9 … */
export function parseNewLearners(
  form: FormData,
  { thisYear }: { thisYear: number },
):
  | { ok: true; people: { fullName: string; birthYear: number | null; place: string | null }[] }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> } {
  const people: { fullName: string; birthYear: number | null; place: string | null }[] = [];
  const errors: Record<string, string> = {};
  const values: Record<string, string> = {};
  for (let i = 0; i < MAX_NEW_LEARNERS; i++) {
    const raw = {
      name: String(form.get(`name_${i}`) ?? ""),
      birthYear: String(form.get(`birthYear_${i}`) ?? ""),
      place: String(form.get(`place_${i}`) ?? ""),
    };
    values[`name_${i}`] = raw.name;
    values[`birthYear_${i}`] = raw.birthYear;
    values[`place_${i}`] = raw.place;
    if (raw.name.length > 400 || raw.place.length > 480 || raw.birthYear.length > 20) {
      errors[`name_${i}`] = "fieldTooLong";
      values[`name_${i}`] = values[`place_${i}`] = values[`birthYear_${i}`] = "";
      continue;
    }
    const cleaned = cleanName(raw.name);
    const name = cleaned.ok ? cleaned.name : "";
    const place = raw.place.normalize("NFC").trim().replace(/\s+/g, " ");
    const yearText = raw.birthYear.normalize("NFKC").trim();
    if (!raw.name.trim() && !place && !yearText) continue;
    if (!cleaned.ok) errors[`name_${i}`] = cleaned.error === "nameTooLong" ? "nameTooLong" : "personNameRequired";
    let birthYear: number | null = null;
    if (yearText) {
      birthYear = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
      if (!(birthYear >= 1900 && birthYear <= thisYear - 5)) errors[`birthYear_${i}`] = "birthYearInvalid";
    }
    if (place.length > 120) errors[`place_${i}`] = "placeTooLong";
    people.push({ fullName: name, birthYear, place: place || null });
  }
  if (!people.length) errors.form = "noLearners";
  return Object.keys(errors).length ? { ok: false, errors, values } : { ok: true, people };
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export const assignmentSchema = z.object({
  moduleId: z.string({ required_error: "moduleRequired" }).min(1, "moduleRequired").max(100, "moduleRequired"),
  dueDate: z
    .string()
    .max(40, "dueDateInvalid")
    .default("")
    .transform((s) => s.trim())
    .refine(
      (s) =>
        !s || (isoDay.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)),
      "dueDateInvalid",
    )
    .transform((s) => s || null),
});

/** A due date before today (Vietnam time) is refused: it would make everyone "late" at once. */
export function dueDateError(dueDate: string | null, today: string): "dueDatePast" | null {
  return dueDate !== null && dueDate < today ? "dueDatePast" : null;
}

export const joinCodeSchema = z.object({
  code: z
    .string({ required_error: "codeRequired" })
    .min(1, "codeRequired")
    .max(40, "codeInvalid")
    .transform((s, ctx) => {
      const code = normaliseCode(s, JOIN_CODE_LENGTH);
      if (!code) {
        ctx.addIssue({ code: "custom", message: "codeInvalid" });
        return z.NEVER;
      }
      return code;
    }),
});

export const inviteCodeSchema = z.object({
  code: z
    .string({ required_error: "codeRequired" })
    .min(1, "codeRequired")
    .max(40, "inviteCodeInvalid")
    .transform((s, ctx) => {
      const code = normaliseCode(s, INVITE_CODE_LENGTH);
      if (!code) {
        ctx.addIssue({ code: "custom", message: "inviteCodeInvalid" });
        return z.NEVER;
      }
      return code;
    }),
});

/** The name a learner gives when they join without one (a guest). */
export const displayNameSchema = z.object({
  displayName: nameField({ required: "personNameRequired", tooLong: "nameTooLong" }),
});

export const pinLoginSchema = z.object({
  login: z
    .string({ required_error: "usernameRequired" })
    .max(64, "usernameRequired")
    .transform((s) => s.normalize("NFC").trim().toLowerCase())
    .pipe(z.string().min(1, "usernameRequired").max(64, "usernameRequired")),
  pin: z
    .string({ required_error: "pinRequired" })
    .min(1, "pinRequired")
    .max(32, "pinInvalid")
    .transform((s, ctx) => {
      const pin = normalisePin(s);
      if (!pin) {
        ctx.addIssue({ code: "custom", message: "pinInvalid" });
        return z.NEVER;
      }
      return pin;
    }),
});

/** Whom a mentor means an invitation for ("Bác Lan, tổ 3"): optional, one short line. */
export const inviteNoteSchema = z.object({ note: optionalText(80, "fieldTooLong") });

/** What was taught, written when a facilitator ends a session: optional, a few lines. */
export const endSessionSchema = z.object({ taught: optionalText(300, "fieldTooLong") });
