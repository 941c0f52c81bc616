/**
 * An action result that changed nothing the page shows from its loaders (a contest's autosave:
 * the choices saved are already on the screen) says so with `unchanged: true`; the root and the
 * route's `shouldRevalidate` then skip reloading the page's data (one request less per save).
 */
export type Unchanged = { unchanged: true };

export function leavesDataUnchanged(actionResult: unknown): boolean {
  return !!actionResult && typeof actionResult === "object" && (actionResult as { unchanged?: unknown }).unchanged === true;
}
