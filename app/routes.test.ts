import fs from "node:fs";
import path from "node:path";
import { matchRoutes, type AgnosticRouteObject as RouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import routes, { routeAccess } from "./routes";

type Entry = { file: string; path?: string; index?: boolean; children?: Entry[] };
const flatten = (entries: Entry[]): Entry[] => entries.flatMap((e) => [e, ...flatten(e.children ?? [])]);
const table = flatten(routes as Entry[]);
const asRouter = (entries: Entry[]): RouteObject[] =>
  entries.map((e) =>
    e.index ? { index: true, path: e.path, id: e.file } : { path: e.path, id: e.file, children: asRouter(e.children ?? []) },
  );

/** Every URL the site answered before the route table was grouped by audience (one example each). */
const urlsOfBefore: [string, string][] = [
  ["/", "routes/public/root.tsx"],
  ["/healthz", "routes/public/healthz.ts"],
  ["/verify", "routes/public/verify-redirect.tsx"],
  ["/verify/7K3QD-M9X2A-RT5VC", "routes/public/verify-code-redirect.tsx"],
  ["/.well-known/jwks.json", "routes/public/jwks.ts"],
  ["/.well-known/certificate-key.pem", "routes/public/certificate-key-pem.ts"],
  ["/.well-known/openbadges-issuer.json", "routes/public/openbadges-issuer.ts"],
  ["/vi", "routes/learn/home.tsx"],
  ["/en/manifest.webmanifest", "routes/learn/manifest.ts"],
  ["/vi/display", "routes/learn/display.tsx"],
  ["/vi/modules/smart-devices", "routes/learn/module.tsx"],
  ["/vi/modules/smart-devices/camera-and-qr", "routes/learn/lesson.tsx"],
  ["/vi/modules/smart-devices/camera-and-qr/attempts/abc", "routes/learn/lesson-result.tsx"],
  ["/vi/modules/smart-devices/practice/safe-install", "routes/learn/practice.tsx"],
  ["/vi/modules/smart-devices/practice/safe-install/attempts/abc", "routes/learn/practice-result.tsx"],
  ["/vi/progress", "routes/learn/progress.tsx"],
  ["/vi/certificates", "routes/learn/certificates.tsx"],
  ["/vi/certificates/claim/smart-devices", "routes/learn/certificate-claim.tsx"],
  ["/vi/certificates/7K3QD-M9X2A-RT5VC", "routes/learn/certificate.tsx"],
  ["/vi/certificates/7K3QD-M9X2A-RT5VC/badge", "routes/learn/certificate-badge.ts"],
  ["/vi/certificates/7K3QD-M9X2A-RT5VC/pdf", "routes/learn/certificate-pdf.ts"],
  ["/vi/classes", "routes/learn/classes.tsx"],
  ["/vi/join", "routes/learn/join.tsx"],
  ["/vi/join/ABCD2345", "routes/learn/join-code.tsx"],
  ["/vi/signup", "routes/account/signup.tsx"],
  ["/vi/login", "routes/account/login.tsx"],
  ["/vi/login/pin", "routes/account/login-pin.tsx"],
  ["/vi/logout", "routes/account/logout.tsx"],
  ["/vi/switch", "routes/account/switch.tsx"],
  ["/vi/follow", "routes/follow/follow.tsx"],
  ["/vi/follow/0b7c", "routes/follow/followed.tsx"],
  ["/vi/invite", "routes/follow/invite.tsx"],
  ["/vi/invite/ABCD2345", "routes/follow/invite-code.tsx"],
  ["/vi/sharing", "routes/follow/sharing.tsx"],
  ["/vi/teach", "routes/teach/classes.tsx"],
  ["/vi/teach/classes/c1", "routes/teach/class.tsx"],
  ["/vi/teach/classes/c1/progress", "routes/teach/class-progress.tsx"],
  ["/vi/teach/classes/c1/export.csv", "routes/teach/class-export-csv.tsx"],
  ["/vi/teach/classes/c1/cards", "routes/teach/class-cards.tsx"],
  ["/vi/teach/classes/c1/poster", "routes/teach/class-poster.tsx"],
  ["/vi/teach/classes/c1/learners/new", "routes/teach/learners-new.tsx"],
  ["/vi/teach/classes/c1/learners/l1", "routes/teach/learner.tsx"],
  ["/vi/teach/classes/c1/session", "routes/teach/session.tsx"],
  ["/vi/teach/classes/c1/session/present", "routes/teach/session-present.tsx"],
  ["/vi/admin/roles", "routes/admin/roles.tsx"],
  ["/vi/admin/certificates", "routes/admin/certificates.tsx"],
  ["/vi/verify", "routes/public/verify.tsx"],
  ["/vi/verify/7K3QD-M9X2A-RT5VC", "routes/public/verify-code.tsx"],
  ["/vi/no/such/page", "routes/public/not-found.tsx"],
];

describe("the route table", () => {
  it.each(urlsOfBefore)("still answers %s with the same page (%s)", (url, file) => {
    const matches = matchRoutes(asRouter(table.filter((e) => !e.children?.length)), url);
    expect(matches?.at(-1)?.route.id).toBe(file);
  });

  it("declares who may reach every route, and every route module exists", () => {
    for (const entry of table) {
      expect(routeAccess[entry.file], entry.file).toBeDefined();
      expect(fs.existsSync(path.join("app", entry.file)), entry.file).toBe(true);
    }
  });

  it("keeps every route module in the folder of its audience", () => {
    const folders = new Set(table.map((e) => e.file.split("/")[1]));
    expect([...folders].sort()).toEqual(expect.arrayContaining(["account", "admin", "learn", "public", "teach"]));
    const onDisk = fs.readdirSync("app/routes", { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    const inTable = new Set(table.map((e) => e.file));
    for (const d of onDisk)
      expect(inTable.has(path.relative("app", path.join(d.parentPath, d.name))), `${d.name} is not in the table`).toBe(true);
  });
});
