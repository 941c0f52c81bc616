/**
 * Which UI strings a page receives. Every page gets every namespace, except the course pages
 * (/<locale>/modules/…: topic, lesson, practice, results), which get only what they use: the
 * learner's namespaces and the header's links from other ones. The lesson page's first load must
 * stay within 100 KB (README, performance), and the teachers' and certificates' strings would be
 * a third of its HTML. A course page that starts using another namespace must add it here.
 */
export type StringSelection = "all" | "course";

/**
 * The namespaces of a course page, with the parts of other namespaces it uses (the header, the
 * read-aloud bar, the offline notices). A part is a key path ("form.summaryTitle"): what a course
 * page never shows (sign-up and log-in pages, account errors, the glossary, the home page) stays out.
 * The browser test of every learner page (tests/e2e/large-text.test.ts) fails on a key shown as text.
 */
export const COURSE_STRINGS: { namespaces: readonly string[]; subtrees: Readonly<Record<string, readonly string[]>> } = {
  namespaces: ["practice"],
  subtrees: {
    common: [
      "meta",
      "site",
      "nav",
      "notFound",
      "error",
      "module",
      "progress",
      "lesson",
      "quiz",
      "result",
      "form.sending",
      "form.summaryTitle",
      "refused",
      "limits",
      "publicUrl",
      "share",
      "notice",
    ],
    access: ["readAloud", "offline", "app", "display.link"],
    classes: ["nav", "claim.loginFirst"],
    certificates: ["nav"],
  },
};

export function stringSelectionFor(pathname: string): StringSelection {
  return /^\/[^/]+\/modules(\/|$)/.test(pathname) ? "course" : "all";
}
