import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the server sees it (behind a proxy: with TRUST_PROXY set). */
    clientAddress?: string;
    /** This response's Content-Security-Policy nonce (server/security.mjs). */
    cspNonce?: string;
    /** True for a document request, false for a client navigation's `.data` (modules/http/html-once.tsx). */
    document?: boolean;
    /** HTML this document's loaders left out of its data, for its render (modules/http/html-once.tsx). */
    htmlOnce?: Map<string, string>;
  }
}
