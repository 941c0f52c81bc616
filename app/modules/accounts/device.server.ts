import { createCookie, type Cookie } from "@remix-run/node";
import { readDeviceList } from "./device";
import { sessionSecret } from "./session.server";
import { isHttps } from "~/modules/http/https";

let cookie: Cookie | undefined;

/** Signed and HttpOnly: a page's script cannot read it and nobody can add a learner to it by hand. */
function deviceCookie(): Cookie {
  cookie ??= createCookie("__device", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 365 * 86_400,
    secrets: [sessionSecret()],
  });
  return cookie;
}

/** The learner ids this device remembers (PIN learners who logged in on it), most recent first. */
export async function deviceLearnerIds(request: Request): Promise<string[]> {
  const header = request.headers.get("Cookie");
  if (!header || !header.includes("__device=")) return [];
  return readDeviceList(await deviceCookie().parse(header));
}

export async function deviceCookieHeader(request: Request, ids: string[]): Promise<string> {
  const secure = isHttps(request);
  return ids.length ? deviceCookie().serialize(ids, { secure }) : deviceCookie().serialize([], { secure, maxAge: 0, expires: new Date(0) });
}
