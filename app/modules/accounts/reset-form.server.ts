import { redirect } from "@remix-run/node";
import { getDb } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { readForm, readFormData } from "~/modules/http/forms";
import { retryMinutes } from "~/modules/limits/limits";
import type { FormFailure } from "./auth.server";
import { resetSchema } from "./recovery";
import { resetPasswordWithCode } from "./recovery.server";
import { endSession, startSession } from "./session.server";

/**
 * The "Quên mật khẩu?" form: a login name, a recovery or reset code and a new password. Within the
 * log-in limits; on success every session of the account has ended, and this device is logged in
 * and sent to the recovery-codes page (which says the password changed and how many codes are left).
 */
export async function handleReset(request: Request, locale: Locale, clientAddress: string): Promise<Response | FormFailure> {
  const form = await readFormData(request);
  const parsed = readForm(resetSchema, form, ["login", "code", "password"]);
  const values = { login: String(form.get("login") ?? "").slice(0, 64), code: "" };
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values };
  const db = await getDb();
  const result = await resetPasswordWithCode(db, { ...parsed.data, address: clientAddress });
  if (!result.ok && result.reason === "wait")
    return {
      ok: false,
      errors: { form: "tooManyAttempts" },
      values,
      retryMinutes: retryMinutes(result.retryAfterSeconds),
      retryAfterSeconds: result.retryAfterSeconds,
    };
  if (!result.ok) return { ok: false, errors: { form: "badResetCode" }, values };
  const headers = new Headers();
  headers.append("Set-Cookie", await endSession(request));
  headers.append("Set-Cookie", await startSession(request, result.learner.id));
  return redirect(`/${locale}/recovery-codes?reset=${result.via}`, { headers });
}
