import { RemixBrowser } from "@remix-run/react";
import { startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadPageStrings } from "~/i18n/string-files";

// The page's interface strings first (preloaded by its head, usually from the device's cache), so
// the hydrated page says exactly what the server rendered. Without them (offline and never
// kept) the page stays as the server rendered it: every flow works without JavaScript.
loadPageStrings().then(
  () =>
    startTransition(() => {
      hydrateRoot(document, <RemixBrowser />);
    }),
  (error: unknown) => console.warn(error),
);
