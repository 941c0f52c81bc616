import { z } from "zod";
import type { Database } from "#db/client";
import { isHttps } from "~/modules/http/https";
import {
  CONTRASTS,
  decodeDisplay,
  DISPLAY_STORAGE_KEY,
  encodeDisplay,
  TEXT_SIZES,
  type DisplayPreferences,
  type TextSize,
} from "./preferences";

/** The settings form: one text size and one contrast, as the radio buttons send them. */
const displayForm = z
  .object({
    textSize: z.enum(TEXT_SIZES.map(String) as [string, ...string[]]).transform((v) => Number(v) as TextSize),
    contrast: z.enum(CONTRASTS),
    /** "1" when the browser already keeps them (JavaScript on): no cookie is needed then. */
    device: z.literal("1").optional(),
    /** Where to offer to go back to (checked by safeRedirectPath). */
    back: z.string().max(300).optional(),
  })
  .strict();

export type DisplayFormResult =
  { ok: true; prefs: DisplayPreferences; onDevice: boolean; back: string | null } | { ok: false; fields: ("textSize" | "contrast")[] };

export function parseDisplayForm(entries: Iterable<[string, unknown]>): DisplayFormResult {
  const values: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    // A field sent twice is not something the form can do.
    if (name in values) return { ok: false, fields: ["textSize", "contrast"] };
    values[name] = value;
  }
  const parsed = displayForm.safeParse(values);
  if (parsed.success) {
    const { textSize, contrast, device, back } = parsed.data;
    return { ok: true, prefs: { textSize, contrast }, onDevice: device === "1", back: back ?? null };
  }
  const fields = new Set<"textSize" | "contrast">();
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    fields.add(field === "contrast" ? "contrast" : "textSize");
  }
  return { ok: false, fields: [...fields] };
}

export async function getSavedDisplay(db: Database, { learnerId }: { learnerId: string }): Promise<DisplayPreferences | null> {
  const row = await db
    .selectFrom("learner_preferences")
    .select(["text_size", "contrast"])
    .where("learner_id", "=", learnerId)
    .executeTakeFirst();
  return row ? decodeDisplay(`${Number(row.text_size)}.${row.contrast}`) : null;
}

export async function saveDisplay(
  db: Database,
  { learnerId, prefs, now = new Date() }: { learnerId: string; prefs: DisplayPreferences; now?: Date },
): Promise<void> {
  const values = { text_size: prefs.textSize, contrast: prefs.contrast, updated_at: now.toISOString() };
  await db
    .insertInto("learner_preferences")
    .values({ learner_id: learnerId, ...values })
    .onConflict((oc) => oc.column("learner_id").doUpdateSet(values))
    .execute();
}

const COOKIE_MAX_AGE = 365 * 86_400;

/** The preferences cookie of a visitor without JavaScript and without a session, if any. */
export function displayFromCookie(request: Request): DisplayPreferences | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === DISPLAY_STORAGE_KEY) return decodeDisplay(decodeURIComponent(value.join("=")));
  }
  return null;
}

export function displayCookie(request: Request, prefs: DisplayPreferences | null): string {
  const secure = isHttps(request) ? "; Secure" : "";
  return prefs
    ? `${DISPLAY_STORAGE_KEY}=${encodeDisplay(prefs)}; Path=/; Max-Age=${COOKIE_MAX_AGE}; SameSite=Lax${secure}`
    : `${DISPLAY_STORAGE_KEY}=; Path=/; Max-Age=0; SameSite=Lax${secure}`;
}

/**
 * What the server renders into <html> for this request: a learner's saved preferences, or the
 * cookie of a visitor without JavaScript. Null for everyone else (the device applies its own).
 */
export async function displayForRequest(
  db: Database,
  { request, learnerId }: { request: Request; learnerId: string | null },
): Promise<DisplayPreferences | null> {
  if (learnerId) {
    const saved = await getSavedDisplay(db, { learnerId });
    if (saved) return saved;
  }
  return displayFromCookie(request);
}
