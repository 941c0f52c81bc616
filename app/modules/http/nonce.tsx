import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of this response (server/security.mjs makes one per response),
 * for Remix's inline scripts and the display script in <head>. In the browser it is "": browsers
 * hide a nonce from the page once the script has run, so hydration sees the same empty value.
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
