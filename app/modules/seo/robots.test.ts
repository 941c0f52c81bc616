import robotsParser from "robots-parser";
import { describe, expect, it } from "vitest";
import routes, { routeAccess } from "~/routes";
import { robotsTxt } from "./robots";

type Entry = { file: string; path?: string; children?: Entry[] };
const flatten = (entries: Entry[]): Entry[] => entries.flatMap((e) => [e, ...flatten(e.children ?? [])]);

const origin = "https://hoc.example.vn";
const locales = ["vi", "en"];
const robots = robotsParser(`${origin}/robots.txt`, robotsTxt({ origin, locales }));
const allowed = (path: string) => robots.isAllowed(`${origin}${path}`, "Googlebot") === true;

/** A route's path with sample values for its parameters. */
const sample = (path: string, locale: string) =>
  "/" + path.replace(/:(\w+)/g, (_all, name: string) => (name === "lang" ? locale : `sample-${name}`)).replace(/\*$/, "x");

// Pages open to anyone that are still someone's own (their progress, certificates, classes, codes
// handed to them) or an action: closed to crawlers like the pages that need a role.
const personalAnyone = new Set([
  "routes/learn/progress.tsx",
  "routes/learn/certificates.tsx",
  "routes/learn/certificate-claim.tsx",
  "routes/learn/classes.tsx",
  "routes/learn/join.tsx",
  "routes/learn/join-code.tsx",
  "routes/account/logout.tsx",
  "routes/account/switch.tsx",
  "routes/follow/invite.tsx",
  "routes/follow/invite-code.tsx",
  "routes/follow/sharing.tsx",
]);

describe("robots.txt, checked against the route table", () => {
  const table = flatten(routes as Entry[]).filter((e) => e.path !== undefined && e.path !== "*");

  it("closes every personal, teaching, admin and report page, in every locale", () => {
    const open: string[] = [];
    for (const entry of table) {
      if (routeAccess[entry.file] === "anyone" && !personalAnyone.has(entry.file)) continue;
      for (const locale of locales) {
        const path = sample(entry.path!, locale);
        if (path.startsWith(`/${locale}/`) && allowed(path)) open.push(`${path} (${routeAccess[entry.file]})`);
      }
    }
    expect(open).toEqual([]);
  });

  it("leaves the course, the certificate check and the machine-readable files open", () => {
    const closed: string[] = [];
    for (const entry of table) {
      if (routeAccess[entry.file] !== "anyone" || personalAnyone.has(entry.file)) continue;
      for (const locale of locales) {
        const path = sample(entry.path!, locale);
        if (!allowed(path)) closed.push(path);
      }
    }
    expect(closed).toEqual([]);
    expect(robots.getSitemaps()).toEqual([`${origin}/sitemap.xml`]);
  });
});
