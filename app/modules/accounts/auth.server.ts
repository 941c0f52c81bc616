import { redirect } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import type { Locale } from "~/i18n/config";
import { authenticate, mergeGuestIntoAccount, signUp } from "./learners.server";
import { FailureLimiter } from "./rate-limit.server";
import { endSession, getCurrentLearner, startSession } from "./session.server";
import { readForm, readFormData, type FieldErrors } from "~/modules/http/forms";
import { loginSchema, signupSchema } from "./validation";

export type FormFailure = { ok: false; errors: FieldErrors; values: Record<string, string>; retryMinutes?: number };

const LOGIN_WINDOW_MS = 15 * 60_000;
let loginLimiter: FailureLimiter | undefined;
const limiter = () => (loginLimiter ??= new FailureLimiter(getEnv().LOGIN_RATE_LIMIT, LOGIN_WINDOW_MS));

/** Only same-site paths: never an open redirect. */
export function safeRedirect(target: FormDataEntryValue | string | null, fallback: string): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.includes("\\")) return fallback;
  return target;
}

/** Sign-up: a guest keeps everything they did; the new session replaces the guest's. */
export async function handleSignup(request: Request, locale: Locale): Promise<Response | FormFailure> {
  const form = await readFormData(request);
  const parsed = readForm(signupSchema, form, ["displayName", "login", "password"]);
  if (!parsed.ok) return { ...parsed, values: { ...parsed.values, password: "" } };
  const current = await getCurrentLearner(request);
  if (current?.kind === "account") return redirect(`/${locale}/progress`);
  const db = await getDb();
  const result = await signUp(db, { guestId: current?.id ?? null, ...parsed.data });
  if (!result.ok) {
    return {
      ok: false,
      errors: { login: result.error },
      values: { displayName: parsed.data.displayName, login: String(form.get("login") ?? "") },
    };
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await endSession(request));
  headers.append("Set-Cookie", await startSession(request, result.learner.id));
  return redirect(safeRedirect(form.get("redirectTo"), `/${locale}/progress`), { headers });
}

/** Log-in, slowed after repeated failures; a guest's work moves into the account. */
export async function handleLogin(request: Request, locale: Locale, clientAddress: string): Promise<Response | FormFailure> {
  const form = await readFormData(request);
  const parsed = readForm(loginSchema, form, ["login", "password"]);
  if (!parsed.ok) return { ...parsed, values: { login: parsed.values.login ?? "" } };
  const key = `${clientAddress}|${parsed.data.login}`;
  const wait = limiter().retryAfter(key);
  if (wait > 0) {
    return {
      ok: false,
      errors: { form: "tooManyAttempts" },
      values: { login: String(form.get("login") ?? "") },
      retryMinutes: Math.ceil(wait / 60_000),
    };
  }
  const db = await getDb();
  const account = await authenticate(db, parsed.data);
  if (!account) {
    limiter().fail(key);
    return { ok: false, errors: { form: "badCredentials" }, values: { login: String(form.get("login") ?? "") } };
  }
  limiter().succeed(key);
  const current = await getCurrentLearner(request);
  if (current?.kind === "guest") await mergeGuestIntoAccount(db, { guestId: current.id, accountId: account.id });
  const headers = new Headers();
  if (current && current.kind !== "guest") headers.append("Set-Cookie", await endSession(request));
  headers.append("Set-Cookie", await startSession(request, account.id));
  return redirect(safeRedirect(form.get("redirectTo"), `/${locale}/progress`), { headers });
}

export async function handleLogout(request: Request, locale: Locale): Promise<Response> {
  return redirect(`/${locale}`, { headers: { "Set-Cookie": await endSession(request) } });
}
