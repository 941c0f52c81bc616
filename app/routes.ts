import { index, prefix, route, type RouteConfig, type RouteConfigEntry } from "@remix-run/route-config";

/**
 * The product's map: every page, grouped by whom it is for, with who may reach it.
 *
 * Route modules live in folders named after their audience (app/routes/learn, account, follow,
 * teach, admin, report, public). Each entry declares its access next to it; the access-matrix browser
 * test (tests/e2e/route-access.test.ts) requests every route below as every role and expects the
 * outcome the declaration implies, so a route without a declaration, or one that lets the wrong
 * person in, fails it.
 *
 * What a refusal is: every declaration but `anyone` implies that a visitor with no session at all
 * who asks for the page (GET) is sent to the log-in page with a return address
 * (`/<lang>/login?redirectTo=<the page>`, app/modules/accounts/refuse.server.ts), since they may be
 * its rightful reader, logged out (issue 11). Anyone signed in whom the declaration does not admit,
 * and every refused POST, gets a 404 (decision 25).
 */
export type Access =
  /** every visitor, signed in or not */
  | "anyone"
  /** anyone with a learner session, a guest's included; a visitor without one is refused */
  | "learner"
  /** only the learner the record in the URL (an attempt, a certificate) belongs to */
  | "owner"
  /** a learner holding the instructor role */
  | "instructor"
  /** the instructor who owns the class in the URL (:classId) */
  | "classOwner"
  /** the follower (mentor or family) of an accepted, unended link (:linkId) */
  | "follower"
  /** an administrator */
  | "admin"
  /** an official of the unit in the URL (:unitCode) or of a unit above it, or an administrator */
  | "official"
  /** an official of any unit, or an administrator (pages without a unit in the URL) */
  | "anyOfficial";

/** Access by route file, filled in as the table below is built. */
export const routeAccess: Record<string, Access> = {};

function declare<Entry extends RouteConfigEntry>(access: Access, entry: Entry): Entry {
  routeAccess[entry.file] = access;
  return entry;
}
const page = (access: Access, path: string, file: string) => declare(access, route(path, file));
const home = (access: Access, file: string) => declare(access, index(file));

export default [
  // Public: addresses printed on paper and read by machines, language-neutral.
  home("anyone", "routes/public/root.tsx"),
  page("anyone", "healthz", "routes/public/healthz.ts"),
  page("anyone", "verify", "routes/public/verify-redirect.tsx"),
  page("anyone", "verify/:code", "routes/public/verify-code-redirect.tsx"),
  page("anyone", ".well-known/jwks.json", "routes/public/jwks.ts"),
  page("anyone", ".well-known/certificate-key.pem", "routes/public/certificate-key-pem.ts"),
  page("anyone", ".well-known/openbadges-issuer.json", "routes/public/openbadges-issuer.ts"),
  // Open Badges: the public revocation list, and what each achievement means (its id).
  page("anyone", "credentials/status/revocation", "routes/public/revocation-list.ts"),
  page("anyone", "achievements/:kind/:id", "routes/public/achievement-redirect.ts"),
  // The certificate's font (Be Vietnam Pro subsets) for the printable page.
  page("anyone", "fonts/:file", "routes/public/font.ts"),
  // Interface strings for the browser, per locale and area (app/i18n/areas.ts), hashed and immutable.
  page("anyone", "assets/strings/:asset", "routes/public/strings.ts"),
  // For search engines and link-preview bots: what to crawl, and every course page in every language.
  page("anyone", "robots.txt", "routes/public/robots.ts"),
  page("anyone", "sitemap.xml", "routes/public/sitemap.ts"),

  ...prefix(":lang", [
    // Learn: the course, practice, progress, certificates, classes joined.
    home("anyone", "routes/learn/home.tsx"),
    page("anyone", "manifest.webmanifest", "routes/learn/manifest.ts"),
    page("anyone", "display", "routes/learn/display.tsx"),
    page("anyone", "glossary", "routes/learn/glossary.tsx"),
    page("anyone", "modules/:moduleId", "routes/learn/module.tsx"),
    page("anyone", "modules/:moduleId/:lessonId", "routes/learn/lesson.tsx"),
    page("owner", "modules/:moduleId/:lessonId/attempts/:attemptId", "routes/learn/lesson-result.tsx"),
    page("anyone", "modules/:moduleId/practice/:practiceId", "routes/learn/practice.tsx"),
    page("owner", "modules/:moduleId/practice/:practiceId/attempts/:attemptId", "routes/learn/practice-result.tsx"),
    page("anyone", "progress", "routes/learn/progress.tsx"),
    page("learner", "profile", "routes/learn/profile.tsx"),
    page("anyone", "certificates", "routes/learn/certificates.tsx"),
    page("anyone", "certificates/claim/:subject", "routes/learn/certificate-claim.tsx"),
    page("owner", "certificates/:code", "routes/learn/certificate.tsx"),
    page("owner", "certificates/:code/badge", "routes/learn/certificate-badge.ts"),
    page("owner", "certificates/:code/pdf", "routes/learn/certificate-pdf.ts"),
    page("anyone", "classes", "routes/learn/classes.tsx"),
    page("anyone", "join", "routes/learn/join.tsx"),
    page("anyone", "join/:code", "routes/learn/join-code.tsx"),

    // Contests (issue 16): taking part (no account needed for a unit's contest), one's own result.
    page("anyone", "contests/:contestId", "routes/contest/contest.tsx"),
    page("owner", "contests/:contestId/result", "routes/contest/result.tsx"),

    // Account: signing up and in, the shared phone's list of learners.
    page("anyone", "signup", "routes/account/signup.tsx"),
    page("anyone", "login", "routes/account/login.tsx"),
    page("anyone", "login/pin", "routes/account/login-pin.tsx"),
    // After a PIN log-in: "was the work just done on this phone yours?" (issue 18).
    page("learner", "login/pin/claim", "routes/account/claim-guest-work.tsx"),
    page("anyone", "logout", "routes/account/logout.tsx"),
    page("anyone", "switch", "routes/account/switch.tsx"),
    // Accounts for life: the way back from a forgotten password, the learner's own data, deleting it.
    page("anyone", "forgot-password", "routes/account/forgot-password.tsx"),
    page("learner", "recovery-codes", "routes/account/recovery-codes.tsx"),
    page("learner", "my-data", "routes/account/my-data.tsx"),
    page("learner", "my-data/export.json", "routes/account/my-data-json.ts"),
    page("learner", "my-data/export.html", "routes/account/my-data-html.ts"),
    page("learner", "my-data/delete", "routes/account/delete-account.tsx"),
    page("anyone", "privacy", "routes/public/privacy.tsx"),

    // Follow: mentors ("Đại sứ số") and families who see a learner's progress with consent.
    page("learner", "follow", "routes/follow/follow.tsx"),
    page("follower", "follow/:linkId", "routes/follow/followed.tsx"),
    page("anyone", "invite", "routes/follow/invite.tsx"),
    page("anyone", "invite/:code", "routes/follow/invite-code.tsx"),
    page("anyone", "sharing", "routes/follow/sharing.tsx"),

    // Teach: instructors' classes, dashboards, cards, community sessions.
    ...prefix("teach", [
      home("instructor", "routes/teach/classes.tsx"),
      // A teacher asks for the instructor role; administrators answer on the roles page (issue 11).
      page("learner", "request", "routes/teach/request-role.tsx"),
      ...prefix("classes/:classId", [
        home("classOwner", "routes/teach/class.tsx"),
        page("classOwner", "progress", "routes/teach/class-progress.tsx"),
        page("classOwner", "export.csv", "routes/teach/class-export-csv.tsx"),
        page("classOwner", "cards", "routes/teach/class-cards.tsx"),
        page("classOwner", "poster", "routes/teach/class-poster.tsx"),
        page("classOwner", "export.xlsx", "routes/teach/class-export-xlsx.tsx"),
        page("classOwner", "pins", "routes/teach/class-pins.tsx"),
        page("classOwner", "learners/new", "routes/teach/learners-new.tsx"),
        page("classOwner", "learners/:learnerId", "routes/teach/learner.tsx"),
        page("classOwner", "learners/:learnerId/attempts/:attemptId", "routes/teach/learner-attempt.tsx"),
        page("classOwner", "learners/:learnerId/data", "routes/teach/learner-data.tsx"),
        page("classOwner", "learners/:learnerId/data/export.json", "routes/teach/learner-data-json.ts"),
        page("classOwner", "learners/:learnerId/data/export.html", "routes/teach/learner-data-html.ts"),
        page("classOwner", "session", "routes/teach/session.tsx"),
        page("classOwner", "session/present", "routes/teach/session-present.tsx"),
        page("classOwner", "contests", "routes/teach/contests.tsx"),
        page("classOwner", "contests/:contestId", "routes/teach/contest.tsx"),
        page("classOwner", "contests/:contestId/live", "routes/teach/contest-live.tsx"),
        page("classOwner", "contests/:contestId/results.xlsx", "routes/teach/contest-xlsx.ts"),
      ]),
    ]),

    // Admin: roles, certificate revocation, the audit log of what staff did.
    ...prefix("admin", [
      page("admin", "roles", "routes/admin/roles.tsx"),
      page("admin", "certificates", "routes/admin/certificates.tsx"),
      page("admin", "audit", "routes/admin/audit.tsx"),
    ]),

    // Report: officials of a unit (and administrators) read figures, never names; they keep the
    // unit's villages and targets.
    ...prefix("report", [
      home("anyOfficial", "routes/report/index.tsx"),
      page("official", "units/:unitCode", "routes/report/units.tsx"),
      page("official", "units/:unitCode/targets", "routes/report/targets.tsx"),
      ...prefix(":unitCode", [
        home("official", "routes/report/unit.tsx"),
        page("official", "print", "routes/report/print.tsx"),
        page("official", "report.xlsx", "routes/report/xlsx.ts"),
        page("official", "report.csv", "routes/report/csv.ts"),
        page("official", "contests", "routes/report/contests.tsx"),
        page("official", "contests/:contestId", "routes/report/contest.tsx"),
        page("official", "contests/:contestId/live", "routes/report/contest-live.tsx"),
        page("official", "contests/:contestId/results.xlsx", "routes/report/contest-xlsx.ts"),
      ]),
    ]),
    // Public: a topic's link-preview card (og:image).
    page("anyone", "cards/:card", "routes/public/card-image.ts"),

    // Public verification of a certificate, in the reader's language.
    page("anyone", "verify", "routes/public/verify.tsx"),
    page("anyone", "verify/:code", "routes/public/verify-code.tsx"),
    page("anyone", "achievements/:kind/:id", "routes/public/achievement.tsx"),
  ]),

  // Anything else: a 404 page in the visitor's language.
  page("anyone", "*", "routes/public/not-found.tsx"),
] satisfies RouteConfig;
