/**
 * Which UI strings a page receives. Every page gets every namespace, except the course pages
 * (/<locale>/modules/…: topic, lesson, practice, results), which get only what they use: the
 * learner's namespaces and the header's links from other ones. The lesson page's first load must
 * stay within 100 KB (README, performance), and the teachers' and certificates' strings would be
 * a third of its HTML. A course page that starts using another namespace must add it here.
 */
export type StringSelection = "all" | "course";

/** The namespaces of a course page, with the subtrees of other namespaces it uses (the header). */
export const COURSE_STRINGS: { namespaces: readonly string[]; subtrees: Readonly<Record<string, readonly string[]>> } = {
  namespaces: ["common", "practice", "access"],
  subtrees: { classes: ["nav"], certificates: ["nav"] },
};

export function stringSelectionFor(pathname: string): StringSelection {
  return /^\/[^/]+\/modules(\/|$)/.test(pathname) ? "course" : "all";
}
