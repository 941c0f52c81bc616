import { randomUUID } from "node:crypto";
import { createCookie, type Cookie } from "@remix-run/node";
import type { Database } from "#db/client";
import { sessionSecret } from "~/modules/accounts/session.server";
import { isHttps } from "~/modules/http/https";
import { HANDOUT_HOURS, newHandoutKey, openPins, readHandoutCookie, sealPins, type HandoutPin } from "./handouts";

/**
 * PINs kept until the facilitator has written them down (issue 11): created learners' PINs are
 * sealed in `pin_handouts`, the key in a signed HttpOnly cookie of the facilitator's browser.
 * The PIN page, Back, a reload and the login cards all find them again until the facilitator
 * confirms (or a day passes); then the row is deleted and only the argon2 hashes remain.
 */
type Executor = Pick<Database, "selectFrom" | "insertInto" | "deleteFrom">;

let cookie: Cookie | undefined;
function handoutCookie(): Cookie {
  cookie ??= createCookie("__pins", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: HANDOUT_HOURS * 3600,
    secrets: [sessionSecret()],
  });
  return cookie;
}

async function cookieEntries(request: Request): Promise<Record<string, string>> {
  const header = request.headers.get("Cookie");
  if (!header || !header.includes("__pins=")) return {};
  return readHandoutCookie(await handoutCookie().parse(header));
}

async function serialize(request: Request, entries: Record<string, string>): Promise<string> {
  const secure = isHttps(request);
  return Object.keys(entries).length
    ? handoutCookie().serialize(entries, { secure })
    : handoutCookie().serialize({}, { secure, maxAge: 0, expires: new Date(0) });
}

const aadOf = (id: string, classId: string) => `${id}:${classId}`;

/** The PINs still waiting for this class in this browser (learner id → PIN), or an empty map. */
export async function pendingPins(
  db: Database,
  request: Request,
  { classId, ownerId, now = new Date() }: { classId: string; ownerId: string; now?: Date },
): Promise<Map<string, string>> {
  const entry = (await cookieEntries(request))[classId];
  if (!entry) return new Map();
  const [id, key] = entry.split(".") as [string, string];
  const row = await db
    .selectFrom("pin_handouts")
    .select(["sealed", "expires_at"])
    .where("id", "=", id)
    .where("class_id", "=", classId)
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return new Map();
  const pins = openPins(row.sealed, key, { aad: aadOf(id, classId) });
  return new Map((pins ?? []).map((p) => [p.id, p.pin]));
}

/**
 * Keeps new PINs (with any still waiting for this class in this browser) in one handout, inside
 * the caller's transaction; returns the Set-Cookie header to send with the redirect.
 */
export async function keepPins(
  trx: Executor,
  request: Request,
  {
    classId,
    ownerId,
    pins,
    earlier,
    now = new Date(),
  }: { classId: string; ownerId: string; pins: HandoutPin[]; earlier: Map<string, string>; now?: Date },
): Promise<string> {
  const entries = await cookieEntries(request);
  const previous = entries[classId]?.split(".")[0];
  await trx.deleteFrom("pin_handouts").where("expires_at", "<=", now.toISOString()).execute();
  if (previous) await trx.deleteFrom("pin_handouts").where("id", "=", previous).where("owner_id", "=", ownerId).execute();
  const id = randomUUID();
  const key = newHandoutKey();
  const all = [
    ...[...earlier].map(([learnerId, pin]) => ({ id: learnerId, pin })).filter((p) => !pins.some((n) => n.id === p.id)),
    ...pins,
  ];
  await trx
    .insertInto("pin_handouts")
    .values({
      id,
      class_id: classId,
      owner_id: ownerId,
      sealed: sealPins(all, key, { aad: aadOf(id, classId) }),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + HANDOUT_HOURS * 3_600_000).toISOString(),
    })
    .execute();
  delete entries[classId];
  return serialize(request, { ...entries, [classId]: `${id}.${key}` });
}

/** The facilitator has written the PINs down: the handout is deleted; returns the Set-Cookie header. */
export async function forgetPins(
  db: Database,
  request: Request,
  { classId, ownerId }: { classId: string; ownerId: string },
): Promise<string> {
  const entries = await cookieEntries(request);
  const id = entries[classId]?.split(".")[0];
  if (id) await db.deleteFrom("pin_handouts").where("id", "=", id).where("owner_id", "=", ownerId).execute();
  await db.deleteFrom("pin_handouts").where("class_id", "=", classId).where("owner_id", "=", ownerId).execute();
  delete entries[classId];
  return serialize(request, entries);
}
