import { z } from "zod";
import { LOGIN_INPUT_MAX, normaliseLogin, PASSWORD_MAX } from "./validation";
import { CODE_ALPHABET } from "~/modules/classes/codes";

/**
 * Recovery and reset codes (issue 14): 12 symbols of the classes' alphabet without look-alikes,
 * printed and read in three groups ("K7M3 QXA9 PRT4"). The first group is a selector, stored in
 * clear to find the one row to check; the other eight symbols (about 38 bits, under the log-in
 * limits) are the secret, stored only as an argon2 hash. Pure.
 */
export const RECOVERY_CODE_LENGTH = 12;
export const SELECTOR_LENGTH = 4;
/** How many recovery codes a printed set has. */
export const RECOVERY_SET_SIZE = 8;
/** A reset code issued by an instructor or administrator can be used for this long. */
export const RESET_CODE_HOURS = 24;

export function generateRecoveryCode(randomInt: (max: number) => number): string {
  let code = "";
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A code as typed ("k7m3 qxa9-prt4") → "K7M3QXA9PRT4"; null when it cannot be one of ours. */
export function normaliseRecoveryCode(raw: string): string | null {
  const code = raw
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s.-]/g, "");
  if (code.length !== RECOVERY_CODE_LENGTH) return null;
  return [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}

export function splitRecoveryCode(code: string): { selector: string; secret: string } {
  return { selector: code.slice(0, SELECTOR_LENGTH), secret: code.slice(SELECTOR_LENGTH) };
}

/** "K7M3QXA9PRT4" → "K7M3 QXA9 PRT4". */
export function formatRecoveryCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, "$1 ");
}

/** The "Quên mật khẩu?" form: error codes are keys under `form.errors.`. */
export const resetSchema = z.object({
  login: z
    .string({ required_error: "loginRequired" })
    .min(1, "loginRequired")
    .max(LOGIN_INPUT_MAX, "loginTooLong")
    .transform((s) => normaliseLogin(s) ?? s.trim().toLowerCase()),
  code: z
    .string({ required_error: "codeRequired" })
    .min(1, "codeRequired")
    .max(40, "codeInvalid")
    .transform((s, ctx) => {
      const code = normaliseRecoveryCode(s);
      if (!code) {
        ctx.addIssue({ code: "custom", message: "codeInvalid" });
        return z.NEVER;
      }
      return code;
    }),
  password: z.string({ required_error: "passwordTooShort" }).min(8, "passwordTooShort").max(PASSWORD_MAX, "passwordTooLong"),
});
