/**
 * robots.txt: crawlers may read the course (home, topics, lessons, practice), the public
 * certificate check and the log-in and sign-up forms. A person's own pages, classes, teaching,
 * administration and reports are closed to them in every locale. They are refused (404) to a
 * crawler anyway: this keeps crawlers from asking, and from indexing an address someone shared.
 * Certificate verification pages stay open on purpose: link-preview bots that honour robots.txt
 * (Twitterbot, for one) need them for the "Chứng nhận hợp lệ" preview; they say `noindex` instead.
 * robots.test.ts checks this list against the route table.
 */
export const PERSONAL_PREFIXES = [
  // A learner's own pages (progress, certificates and their files, classes joined, results).
  "progress",
  "profile",
  "certificates",
  "classes",
  "join",
  "modules/*/attempts/",
  // A contest participant's own result (issue 16); work done as a guest offered at PIN log-in (issue 18).
  "contests/*/result",
  "login/pin/claim",
  // What the platform holds about them, and their recovery codes (issue 14).
  "my-data",
  "recovery-codes",
  // Followers, invitations, the shared phone's learners, logging out.
  "follow",
  "invite",
  "sharing",
  "switch",
  "logout",
  // Teaching (class dashboards, reports, exports, cards) and administration.
  "teach",
  "admin",
  // Officials' reports, units and targets.
  "report",
] as const;

export function robotsTxt({ origin, locales }: { origin: string; locales: readonly string[] }): string {
  const lines = ["User-agent: *"];
  for (const locale of locales) for (const prefix of PERSONAL_PREFIXES) lines.push(`Disallow: /${locale}/${prefix}`);
  lines.push("Allow: /", "", `Sitemap: ${origin}/sitemap.xml`, "");
  return lines.join("\n");
}
