import { redirect } from "@remix-run/node";
import { getDb } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { retryMinutes } from "~/modules/limits/limits";
import { take } from "~/modules/limits/limits.server";
import { deviceCookieHeader, deviceLearnerIds } from "./device.server";
import { rememberOnDevice } from "./device";
import { authenticate, mergeGuestIntoAccount, signUp } from "./learners.server";
import { beginLogin } from "./login-limits.server";
import { endSession, getCurrentLearner, startSession } from "./session.server";
import { readForm, readFormData, type FieldErrors } from "~/modules/http/forms";
import { safeRedirect } from "~/modules/http/redirect";
import { readPlaceForm } from "~/modules/units/place.server";
import { setLearnerPlace } from "~/modules/units/units.server";
import { loginProblem, loginSchema, signupSchema } from "./validation";
import { giveConsent } from "./consent.server";

export type FormFailure = {
  ok: false;
  errors: FieldErrors;
  values: Record<string, string>;
  retryMinutes?: number;
  retryAfterSeconds?: number;
  /** Values for a field's message, e.g. the username to suggest. */
  errorValues?: Record<string, Record<string, string>>;
};

/** What the next page confirms (issue 11): shown at its top by the layout (app/components/layout.tsx). */
export type Notice = "signedUp" | "signedUpKept" | "loggedIn" | "loggedInMerged" | "loggedOut" | "accountDeleted";

/** The address to land on after signing up, in or out, with the confirmation to show there. */
export function withNotice(path: string, notice: Notice): string {
  const url = new URL(path, "http://site.invalid");
  url.searchParams.set("notice", notice);
  return `${url.pathname}${url.search}#notice`;
}

/** A form refused by a rate limit: 429 with Retry-After, the form shown again with how long to wait. */
function limited(retryAfterSeconds: number, values: Record<string, string>, error = "tooManyAttempts"): FormFailure {
  return { ok: false, errors: { form: error }, values, retryMinutes: retryMinutes(retryAfterSeconds), retryAfterSeconds };
}

/** The status and headers for a refused sign-up or log-in form. */
export function formFailureInit(failure: FormFailure): ResponseInit {
  if (failure.retryAfterSeconds)
    return { status: 429, headers: { "Retry-After": String(failure.retryAfterSeconds), "Cache-Control": "no-store" } };
  return { status: 400 };
}

/** Sign-up: a guest keeps everything they did; the new session replaces the guest's. */
export async function handleSignup(request: Request, locale: Locale, clientAddress: string): Promise<Response | FormFailure> {
  const form = await readFormData(request);
  const parsed = readForm(signupSchema, form, ["displayName", "login", "password"]);
  const db = await getDb();
  // Where the learner belongs (optional): checked with the rest, before anything is written.
  const place = await readPlaceForm(db, form);
  if (!parsed.ok || !place.ok) {
    const values: Record<string, string> = { password: "" };
    for (const f of ["displayName", "login", "audience", "birthYear"]) values[f] = String(form.get(f) ?? "");
    const suggestion = !parsed.ok && parsed.errors.login ? loginProblem(parsed.values.login ?? "")?.suggestion : null;
    return {
      ok: false,
      errors: { ...(parsed.ok ? {} : parsed.errors), ...(place.ok ? {} : place.errors) },
      values,
      ...(suggestion ? { errorValues: { login: { suggestion } } } : {}),
    };
  }
  // Every input is settled before anything is written: a bad target falls back, it cannot fail later.
  const target = safeRedirect(form.get("redirectTo"), locale, `/${locale}/progress`);
  const current = await getCurrentLearner(request);
  if (current?.kind === "account") return redirect(`/${locale}/progress`);
  // Every attempt counts, a taken name included: "name taken" cannot be asked a thousand times.
  const allowed = await take(db, [["signupAddress", [clientAddress]]]);
  if (!allowed.ok)
    return limited(
      allowed.retryAfterSeconds,
      { displayName: parsed.data.displayName, login: String(form.get("login") ?? "") },
      "tooManySignups",
    );
  const result = await signUp(db, { guestId: current?.id ?? null, ...parsed.data });
  if (!result.ok) {
    return {
      ok: false,
      errors: { login: result.error },
      values: {
        displayName: parsed.data.displayName,
        login: String(form.get("login") ?? ""),
        audience: String(form.get("audience") ?? ""),
        birthYear: String(form.get("birthYear") ?? ""),
      },
    };
  }
  if (place.given) await setLearnerPlace(db, { learnerId: result.learner.id, place: place.place });
  // Consent on record (issue 14): the privacy terms in force, and the optional details if any were given.
  await giveConsent(db, { learnerId: result.learner.id, purpose: "terms" });
  if (place.given && (place.place.unitCode || place.place.audience || place.place.birthYear))
    await giveConsent(db, { learnerId: result.learner.id, purpose: "profile" });
  const headers = new Headers();
  headers.append("Set-Cookie", await endSession(request));
  headers.append("Set-Cookie", await startSession(request, result.learner.id));
  const notice = current?.kind === "guest" ? "signedUpKept" : "signedUp";
  return redirect(withNotice(target, notice), { headers });
}

/** Log-in within the log-in limits (login-limits.server.ts); a guest's work moves into the account. */
export async function handleLogin(request: Request, locale: Locale, clientAddress: string): Promise<Response | FormFailure> {
  const form = await readFormData(request);
  const parsed = readForm(loginSchema, form, ["login", "password"]);
  if (!parsed.ok) return { ...parsed, values: { login: parsed.values.login ?? "" } };
  // Every input is settled before anything is written: a bad target falls back, it cannot fail later.
  const target = safeRedirect(form.get("redirectTo"), locale, `/${locale}/progress`);
  const values = { login: String(form.get("login") ?? "") };
  const db = await getDb();
  const known = await deviceLearnerIds(request);
  const remembered = known.length ? await accountIdOf(db, parsed.data.login) : null;
  const gate = await beginLogin(db, {
    kind: "password",
    address: clientAddress,
    login: parsed.data.login,
    rememberedLearnerId: remembered && known.includes(remembered) ? remembered : null,
  });
  if (!gate.ok) return limited(gate.retryAfterSeconds, values);
  const account = await authenticate(db, parsed.data);
  if (!account) return { ok: false, errors: { form: "badCredentials" }, values };
  await gate.succeeded();
  const current = await getCurrentLearner(request);
  const merged = current?.kind === "guest";
  if (merged) await mergeGuestIntoAccount(db, { guestId: current.id, accountId: account.id });
  const headers = new Headers();
  if (current && current.kind !== "guest") headers.append("Set-Cookie", await endSession(request));
  headers.append("Set-Cookie", await startSession(request, account.id));
  // This device now counts as the owner's own (its tries are limited apart from strangers').
  headers.append("Set-Cookie", await deviceCookieHeader(request, rememberOnDevice(known, account.id)));
  return redirect(withNotice(target, merged ? "loggedInMerged" : "loggedIn"), { headers });
}

async function accountIdOf(db: Awaited<ReturnType<typeof getDb>>, login: string): Promise<string | null> {
  const row = await db.selectFrom("learners").select("id").where("username", "=", login).where("kind", "=", "account").executeTakeFirst();
  return row?.id ?? null;
}

export async function handleLogout(request: Request, locale: Locale): Promise<Response> {
  return redirect(withNotice(`/${locale}`, "loggedOut"), { headers: { "Set-Cookie": await endSession(request) } });
}
