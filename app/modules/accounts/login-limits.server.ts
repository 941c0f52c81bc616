import type { Database } from "#db/client";
import type { LimitUse } from "~/modules/limits/limits";
import { clear, giveBack, take } from "~/modules/limits/limits.server";

/**
 * The limits around a log-in (decision 32). Every try takes a point *before* the password or PIN
 * is checked, so parallel guesses cannot slip past; a right one gives it back.
 *
 * - From a device the learner logged in on before (their id is in the signed `__device` cookie),
 *   only that learner's own device limit applies: strangers elsewhere cannot fill it, so the
 *   owner's phone keeps working while someone guesses.
 * - From anywhere else: per login name and address (a village's shared Wi-Fi fills only the
 *   guesser's own pair), per login name over every such device, and per address over all names.
 *
 * Keys are the typed login name, never whether an account has it: an unknown name and a real one
 * are counted, refused and answered alike.
 */
export interface LoginAttempt {
  kind: "password" | "pin";
  address: string;
  /** The login name as typed (normalised), for real and unknown names alike. */
  login: string;
  /** The learner with this name when this device remembers them; null otherwise (or unknown). */
  rememberedLearnerId: string | null;
}

export function loginLimitUses({ kind, address, login, rememberedLearnerId }: LoginAttempt): { spent: LimitUse[]; cleared: LimitUse[] } {
  if (rememberedLearnerId) {
    const own: LimitUse = [kind === "pin" ? "pinDevice" : "loginDevice", [rememberedLearnerId]];
    return { spent: [], cleared: [own] };
  }
  const pair: LimitUse = [kind === "pin" ? "pinPair" : "loginPair", [address, login]];
  return {
    spent: [
      [kind === "pin" ? "pinName" : "loginName", [login]],
      ["failedAddress", [address]],
    ],
    cleared: [pair],
  };
}

export type LoginGate = { ok: false; retryAfterSeconds: number } | { ok: true; succeeded: () => Promise<void> };

/** Takes this try's points; `succeeded` gives them back once the password or PIN was right. */
export async function beginLogin(db: Database, attempt: LoginAttempt): Promise<LoginGate> {
  const { spent, cleared } = loginLimitUses(attempt);
  const verdict = await take(db, [...cleared, ...spent]);
  if (!verdict.ok) return verdict;
  return {
    ok: true,
    succeeded: async () => {
      await Promise.all([clear(db, cleared), giveBack(db, spent)]);
    },
  };
}
