import { redirect } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import type { Locale } from "~/i18n/config";
import { pinLoginSchema } from "~/modules/classes/validation";
import { readForm, type FieldErrors } from "~/modules/http/forms";
import { safeRedirect } from "./auth.server";
import { deviceCookieHeader, deviceLearnerIds } from "./device.server";
import { forgetOnDevice, rememberOnDevice } from "./device";
import { normalisePin } from "./pin";
import { attemptPinLogin, type PinLoginResult } from "./pin.server";
import { FailureLimiter } from "./rate-limit.server";
import { endSession, startSession } from "./session.server";

export type PinFailure = { ok: false; errors: FieldErrors; values: Record<string, string>; retrySeconds?: number; remaining?: number };

/**
 * Besides the per-account counter in the database, one address may not spray PINs over many
 * accounts: 50 wrong PINs per 15 minutes (a whole class on one village Wi-Fi stays well under).
 */
const ADDRESS_LIMIT = 50;
let addressLimiter: FailureLimiter | undefined;
const limiter = () => (addressLimiter ??= new FailureLimiter(ADDRESS_LIMIT, 15 * 60_000));

function failure(result: Exclude<PinLoginResult, { ok: true }>, values: Record<string, string>): PinFailure {
  if (result.reason === "locked") return { ok: false, errors: { form: "pinLocked" }, values };
  if (result.reason === "wait")
    return { ok: false, errors: { form: "pinWait" }, values, retrySeconds: Math.ceil(result.retryAfterMs / 1000) };
  return { ok: false, errors: { form: "pinBad" }, values, remaining: result.remaining ?? undefined };
}

async function signIn(request: Request, learnerId: string, target: string): Promise<Response> {
  const headers = new Headers();
  // On a shared phone the previous person's session ends; a guest's work is not merged into
  // this learner, since on a shared device it may well be someone else's.
  headers.append("Set-Cookie", await endSession(request));
  headers.append("Set-Cookie", await startSession(request, learnerId));
  headers.append("Set-Cookie", await deviceCookieHeader(request, rememberOnDevice(await deviceLearnerIds(request), learnerId)));
  return redirect(target, { headers });
}

/** Log-in with a username and a PIN (the printed card's QR code fills in the username). */
export async function handlePinLogin(
  request: Request,
  locale: Locale,
  clientAddress: string,
  form: FormData,
): Promise<Response | PinFailure> {
  const parsed = readForm(pinLoginSchema, form, ["login", "pin"]);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values: { login: parsed.values.login ?? "" } };
  const values = { login: String(form.get("login") ?? "") };
  if (limiter().retryAfter(clientAddress) > 0) return { ok: false, errors: { form: "tooManyPins" }, values };
  const result = await attemptPinLogin(await getDb(), {
    login: parsed.data.login,
    pin: parsed.data.pin,
    slowdownMs: getEnv().PIN_SLOWDOWN_SECONDS * 1000,
  });
  if (!result.ok) {
    if (result.reason === "bad") limiter().fail(clientAddress);
    return failure(result, values);
  }
  return signIn(request, result.learner.id, safeRedirect(form.get("redirectTo"), `/${locale}`));
}

/** "Đổi người học": a learner this device remembers, chosen by name, types only their PIN. */
export async function handleSwitch(
  request: Request,
  locale: Locale,
  clientAddress: string,
  form: FormData,
): Promise<Response | PinFailure> {
  const learnerId = String(form.get("learnerId") ?? "");
  const known = await deviceLearnerIds(request);
  if (form.get("intent") === "forget") {
    return redirect(`/${locale}/switch`, {
      headers: { "Set-Cookie": await deviceCookieHeader(request, forgetOnDevice(known, learnerId)) },
    });
  }
  const values = { learnerId };
  // Only someone this device remembers: the list is signed, so it cannot be extended by hand.
  if (!known.includes(learnerId)) return { ok: false, errors: { form: "notOnDevice" }, values };
  const raw = String(form.get("pin") ?? "");
  const pin = normalisePin(raw);
  if (!pin) return { ok: false, errors: { pin: raw ? "pinInvalid" : "pinRequired" }, values };
  if (limiter().retryAfter(clientAddress) > 0) return { ok: false, errors: { form: "tooManyPins" }, values };
  const result = await attemptPinLogin(await getDb(), { learnerId, pin, slowdownMs: getEnv().PIN_SLOWDOWN_SECONDS * 1000 });
  if (!result.ok) {
    if (result.reason === "bad") limiter().fail(clientAddress);
    return failure(result, values);
  }
  return signIn(request, result.learner.id, `/${locale}`);
}

export function pinFailureStatus(failure: PinFailure): number {
  const form = failure.errors.form;
  return form === "pinLocked" ? 423 : form === "pinWait" || form === "tooManyPins" ? 429 : 400;
}
