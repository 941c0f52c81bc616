import { randomBytes } from "node:crypto";
import path from "node:path";
import { createCookie, type Cookie } from "@remix-run/node";
import type { Learner } from "#db/schema";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { createGuest } from "./learners.server";
import { createSession, deleteSession, findSessionLearner, SESSION_DAYS } from "./sessions.server";
// Secure cookies whenever the site is reached over HTTPS (directly or behind a proxy).
import { isHttps } from "~/modules/http/https";
import { deviceLabel } from "./user-agent";
import { readOrCreateOnce } from "~/modules/ops/write-once.server";

let cookie: Cookie | undefined;

/**
 * SESSION_SECRET, or a random one generated on first start and kept in the data folder, written
 * once (readOrCreateOnce): processes starting together (`npm start`'s workers) all use the one
 * that was written first. On PostgreSQL it must be set (ops/shared-secrets.ts).
 */
export function sessionSecret(): string {
  const env = getEnv();
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = path.join(env.DATA_DIR, "session-secret");
  const secret = readOrCreateOnce(file, () => randomBytes(32).toString("base64url")).content.trim();
  if (!secret) throw new Error(`${file} is empty: remove it, or set SESSION_SECRET`);
  return secret;
}

function sessionCookie(): Cookie {
  cookie ??= createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: SESSION_DAYS * 86_400,
    secrets: [sessionSecret()],
  });
  return cookie;
}

const current = new WeakMap<Request, Promise<{ learner: Learner; token: string } | null>>();

async function readSession(request: Request): Promise<{ learner: Learner; token: string } | null> {
  const header = request.headers.get("Cookie");
  if (!header || !header.includes("__session=")) return null;
  const token: unknown = await sessionCookie().parse(header);
  if (typeof token !== "string" || !token) return null;
  const learner = await findSessionLearner(await getDb(), { token });
  return learner ? { learner, token } : null;
}

/** The learner behind this request's cookie (a guest or an account), or null. Read once per request. */
export function getCurrentSession(request: Request): Promise<{ learner: Learner; token: string } | null> {
  let found = current.get(request);
  if (!found) {
    found = readSession(request);
    current.set(request, found);
  }
  return found;
}

export async function getCurrentLearner(request: Request): Promise<Learner | null> {
  return (await getCurrentSession(request))?.learner ?? null;
}

/** Starts a session for a learner and returns the Set-Cookie header value. */
export async function startSession(request: Request, learnerId: string): Promise<string> {
  const token = await createSession(await getDb(), { learnerId, device: deviceLabel(request.headers.get("User-Agent")) });
  return sessionCookie().serialize(token, { secure: isHttps(request) });
}

/** Ends this request's session (if any) and returns a Set-Cookie header that clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  const session = await getCurrentSession(request);
  if (session) await deleteSession(await getDb(), { token: session.token });
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0), secure: isHttps(request) });
}

/**
 * The learner to record work for: the signed-in learner, or a new guest profile tied to a new
 * cookie. Guests are created only when they first do something worth keeping, never on a visit.
 */
export async function getOrCreateLearner(request: Request): Promise<{ learner: Learner; setCookie: string | null }> {
  const learner = await getCurrentLearner(request);
  if (learner) return { learner, setCookie: null };
  const guest = await createGuest(await getDb());
  return { learner: guest, setCookie: await startSession(request, guest.id) };
}
