import { redirect } from "@remix-run/node";
import { getDb } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { pinLoginSchema } from "~/modules/classes/validation";
import { readForm, type FieldErrors } from "~/modules/http/forms";
import { safeRedirect } from "~/modules/http/redirect";
import { deviceCookieHeader, deviceLearnerIds } from "./device.server";
import { forgetOnDevice, rememberOnDevice } from "./device";
import { normalisePin } from "./pin";
import { attemptPinLogin, type PinLoginResult } from "./pin.server";
import { endSession, getCurrentLearner, startSession } from "./session.server";
import { offerCookieHeader, recentGuestWork } from "./guest-work.server";

export type PinFailure = { ok: false; errors: FieldErrors; values: Record<string, string>; retrySeconds?: number };

function failure(result: Exclude<PinLoginResult, { ok: true }>, values: Record<string, string>): PinFailure {
  if (result.reason === "wait") return { ok: false, errors: { form: "pinWait" }, values, retrySeconds: result.retryAfterSeconds };
  return { ok: false, errors: { form: "pinBad" }, values };
}

async function signIn(request: Request, locale: Locale, learnerId: string, target: string): Promise<Response> {
  const headers = new Headers();
  // On a shared phone the previous person's session ends; a guest's work is not merged into
  // this learner, since on a shared device it may well be someone else's. If the guest did
  // something in the last hours, the learner is asked whether it was them (issue 18).
  const previous = await getCurrentLearner(request);
  const offered = previous?.kind === "guest" && (await recentGuestWork(await getDb(), { guestId: previous.id })).length > 0;
  if (offered) {
    headers.append("Set-Cookie", await offerCookieHeader(request, { guestId: previous.id, learnerId }));
    target = `/${locale}/login/pin/claim?${new URLSearchParams({ redirectTo: target })}`;
  }
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
  // Settled before any write (the failure counter, the session): a bad target can only fall back.
  const target = safeRedirect(form.get("redirectTo"), locale, `/${locale}`);
  const values = { login: String(form.get("login") ?? "") };
  const result = await attemptPinLogin(await getDb(), {
    login: parsed.data.login,
    pin: parsed.data.pin,
    address: clientAddress,
    deviceLearnerIds: await deviceLearnerIds(request),
  });
  if (!result.ok) return failure(result, values);
  return signIn(request, locale, result.learner.id, target);
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
  const result = await attemptPinLogin(await getDb(), { learnerId, pin, address: clientAddress, deviceLearnerIds: known });
  if (!result.ok) {
    // She chose her name from the list and typed only a PIN: the message speaks of the PIN alone.
    const refused = failure(result, values);
    if (refused.errors.form === "pinBad") refused.errors.form = "pinBadSwitch";
    return refused;
  }
  return signIn(request, locale, result.learner.id, `/${locale}`);
}

/** The status of a refused PIN log-in: 429 with Retry-After while it must wait, else 400. */
export function pinFailureInit(failure: PinFailure): ResponseInit {
  if (failure.errors.form === "pinWait" && failure.retrySeconds)
    return { status: 429, headers: { "Retry-After": String(failure.retrySeconds), "Cache-Control": "no-store" } };
  return { status: 400 };
}
