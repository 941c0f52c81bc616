import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the server sees it (behind a proxy: with TRUST_PROXY set). */
    clientAddress?: string;
    /** This response's Content-Security-Policy nonce (server/security.mjs). */
    cspNonce?: string;
    /**
     * Set by the server's page templates (server/page-templates.mjs) on a signed-in learner's GET of
     * a page: `nameSlot`, when given, is rendered in place of the learner's name; `eligible` is set
     * by entry.server when every route of the page is the same for every learner (their handle's
     * `sameForEveryLearner`), i.e. the page may become a template; `key` by the root loader.
     */
    pageTemplate?: { nameSlot?: string; eligible?: boolean; key?: string };
    /** True for a document request, false for a client navigation's `.data` (modules/http/html-once.tsx). */
    document?: boolean;
    /** HTML this document's loaders left out of its data, for its render (modules/http/html-once.tsx). */
    htmlOnce?: Map<string, string>;
  }
}
