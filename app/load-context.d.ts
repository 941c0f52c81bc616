import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the server sees it (behind a proxy: with TRUST_PROXY set). */
    clientAddress?: string;
    /** This response's Content-Security-Policy nonce (server/security.mjs). */
    cspNonce?: string;
  }
}
