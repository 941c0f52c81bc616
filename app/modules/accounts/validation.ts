import { z } from "zod";

/**
 * A login name is either a Vietnamese phone number (stored as digits, "+84 90…" → "090…") or a
 * username of 3–32 letters, digits, dots, dashes or underscores (stored lower-case).
 */
export function normaliseLogin(raw: string): string | null {
  const trimmed = raw.normalize("NFC").trim();
  const compact = trimmed.replace(/[\s.()-]/g, "");
  if (/^\+?\d+$/.test(compact)) {
    const digits = compact.startsWith("+84")
      ? `0${compact.slice(3)}`
      : compact.startsWith("84") && compact.length === 11
        ? `0${compact.slice(2)}`
        : compact.replace(/^\+/, "");
    return /^0\d{9,10}$/.test(digits) ? digits : null;
  }
  const lower = trimmed.toLowerCase();
  return /^[a-z0-9][a-z0-9._-]{2,31}$/.test(lower) ? lower : null;
}

/** Error codes are i18n keys under `form.errors.` so the learner reads them in their language. */
export const signupSchema = z.object({
  displayName: z
    .string({ required_error: "nameRequired" })
    .transform((s) => s.normalize("NFC").trim().replace(/\s+/g, " "))
    .pipe(z.string().min(1, "nameRequired").max(80, "nameTooLong")),
  login: z
    .string({ required_error: "loginRequired" })
    .min(1, "loginRequired")
    .transform((s, ctx) => {
      const login = normaliseLogin(s);
      if (!login) {
        ctx.addIssue({ code: "custom", message: "loginInvalid" });
        return z.NEVER;
      }
      return login;
    }),
  password: z.string({ required_error: "passwordTooShort" }).min(8, "passwordTooShort").max(200, "passwordTooLong"),
});

export const loginSchema = z.object({
  login: z
    .string({ required_error: "loginRequired" })
    .min(1, "loginRequired")
    .transform((s) => normaliseLogin(s) ?? s.trim().toLowerCase()),
  password: z.string({ required_error: "passwordRequired" }).min(1, "passwordRequired").max(200, "passwordTooLong"),
});
