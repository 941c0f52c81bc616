import { z } from "zod";
import { nameField } from "~/modules/names/names";

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

/** A login name as typed, at most (phone numbers with spaces included): checked before it is normalised or used as a key. */
export const LOGIN_INPUT_MAX = 64;
/** Passwords longer than this are refused before they are hashed. */
export const PASSWORD_MAX = 200;

/** What is wrong with a login name that normaliseLogin refused, said precisely (issue 11). */
export type LoginProblem =
  "loginPhoneLength" | "loginHasSpace" | "loginHasAccents" | "loginTooShort" | "loginTooLong" | "loginBadCharacter";

/** A username made from what was typed: accents and spaces dropped, "đ" as "d" ("Nguyễn Văn Tuấn" → "nguyenvantuan"). */
export function suggestLogin(raw: string): string {
  const plain = raw
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, "")
    .replace(/^[._-]+/, "")
    .slice(0, 32);
  return plain.length >= 3 ? plain : "nguyenvantuan";
}

/** Why a login name is refused, and a username to suggest when it is meant as one. */
export function loginProblem(raw: string): { problem: LoginProblem; suggestion: string | null } | null {
  if (normaliseLogin(raw) !== null) return null;
  const trimmed = raw.normalize("NFC").trim();
  if (/^\+?[\d\s.()-]+$/.test(trimmed) && /\d/.test(trimmed)) return { problem: "loginPhoneLength", suggestion: null };
  const suggestion = suggestLogin(trimmed);
  if (/\s/.test(trimmed)) return { problem: "loginHasSpace", suggestion };
  if (trimmed.normalize("NFD") !== trimmed || /[đĐ]/.test(trimmed) || /[^\p{ASCII}]/u.test(trimmed))
    return { problem: "loginHasAccents", suggestion };
  if (trimmed.length < 3) return { problem: "loginTooShort", suggestion: null };
  if (trimmed.length > 32) return { problem: "loginTooLong", suggestion };
  return { problem: "loginBadCharacter", suggestion };
}

/** Error codes are i18n keys under `form.errors.` so the learner reads them in their language. */
export const signupSchema = z.object({
  displayName: nameField({ required: "nameRequired", tooLong: "nameTooLong" }),
  login: z
    .string({ required_error: "loginRequired" })
    .min(1, "loginRequired")
    .max(LOGIN_INPUT_MAX, "loginInvalid")
    .transform((s, ctx) => {
      const login = normaliseLogin(s);
      if (!login) {
        ctx.addIssue({ code: "custom", message: loginProblem(s)?.problem ?? "loginBadCharacter" });
        return z.NEVER;
      }
      return login;
    }),
  password: z.string({ required_error: "passwordTooShort" }).min(8, "passwordTooShort").max(PASSWORD_MAX, "passwordTooLong"),
});

export const loginSchema = z.object({
  login: z
    .string({ required_error: "loginRequired" })
    .min(1, "loginRequired")
    .max(LOGIN_INPUT_MAX, "loginTooLong")
    .transform((s) => normaliseLogin(s) ?? s.trim().toLowerCase()),
  password: z.string({ required_error: "passwordRequired" }).min(1, "passwordRequired").max(PASSWORD_MAX, "passwordTooLong"),
});
