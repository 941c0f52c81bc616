/**
 * Which interface strings a page's browser loads. The server renders every page with every string;
 * the browser gets them as hashed, immutable files, one per locale and area
 * (`/assets/strings/<locale>.<area>-<hash>.json`, strings.server.ts), each downloaded once per device:
 *
 * - `course`, on every page: the header, the course pages (topic, lesson, practice, results), the
 *   read-aloud bar and the offline notices. The lesson page's first visit has a budget (README,
 *   performance): the teachers' and certificates' strings would be more than the lesson itself.
 * - `learn`, on every other learner page (home, progress, sign-up, log-in, certificates, classes
 *   joined, contests, one's data): every string no staff area below owns.
 * - `teach`, `report`, `admin`: what only those pages use, loaded when one of them is opened
 *   (client navigation included: the root's clientLoader waits for it).
 *
 * A part is "namespace:key.path"; "practice:" is a whole namespace. A learner page that starts using
 * a staff part fails app/i18n/areas.test.ts; a course page that uses a string outside `course`
 * shows the key (the browser tests of every learner page catch a key shown as text).
 */
export type Area = "course" | "learn" | "teach" | "report" | "admin";

export const COURSE_PARTS: readonly string[] = [
  "practice:",
  ...["meta", "site", "nav", "notFound", "error", "module", "progress", "lesson", "quiz", "result"].map((k) => `common:${k}`),
  ...["form.sending", "form.summaryTitle", "refused", "limits", "publicUrl", "share", "notice"].map((k) => `common:${k}`),
  "access:readAloud",
  "access:offline",
  "access:app",
  "access:display.link",
  "classes:nav",
  "classes:claim.loginFirst",
  "certificates:nav",
];

/** What only staff pages use (each part checked against every learner page by areas.test.ts). */
export const STAFF_PARTS: Readonly<Record<"teach" | "report" | "admin", readonly string[]>> = {
  teach: [
    ...["optional", "newLearners", "cards", "poster", "learner", "csv", "session", "present", "pins", "confirm"].map((k) => `classes:${k}`),
    "accounts:reset",
    "accounts:onBehalf",
    ...["status", "organise", "live", "xlsx"].map((k) => `contests:${k}`),
  ],
  report: [
    "reports:",
    ...["levels", "units", "targets", "file"].map((k) => `units:${k}`),
    ...["status", "organise", "live", "xlsx"].map((k) => `contests:${k}`),
  ],
  admin: ["certificates:admin", "classes:admin", "classes:roles", "classes:confirm", "accounts:reset", "units:units", "units:admin"],
};

/** The areas a page's browser needs, in loading order: "/vi/teach/classes/x" → course, learn, teach. */
export function areasFor(pathname: string): Area[] {
  const [, , section] = pathname.split("/");
  if (section === "modules") return ["course"];
  if (section === "teach" || section === "report" || section === "admin") return ["course", "learn", section];
  return ["course", "learn"];
}
