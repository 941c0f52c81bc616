import { z } from "zod";
import type { Audience } from "#db/schema";
import { isAudience } from "./targets";

export const BIRTH_YEAR_MIN = 1900;
/** A learner is at least 5: a later year is a typing mistake. */
export const birthYearMax = (now = new Date()) => now.getUTCFullYear() - 5;

/**
 * Where a learner belongs, as posted by a form (sign-up, profile, a facilitator's): every field
 * optional. Error codes are keys under `units:place.errors`. Whether the unit exists is checked
 * against the database afterwards (`placeableUnit`).
 */
export const placeSchema = z.object({
  unitCode: z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim() || null),
  audience: z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim() || null)
    .refine((s) => s === null || isAudience(s), "audience-unknown")
    .transform((s) => s as Audience | null),
  birthYear: z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim())
    .superRefine((s, ctx) => {
      if (!s) return;
      if (!/^\d{4}$/.test(s)) ctx.addIssue({ code: "custom", message: "birth-year-invalid" });
      else if (Number(s) < BIRTH_YEAR_MIN || Number(s) > birthYearMax()) ctx.addIssue({ code: "custom", message: "birth-year-range" });
    })
    .transform((s) => (s ? Number(s) : null)),
});

export const PLACE_FIELDS = ["unitCode", "audience", "birthYear"] as const;
