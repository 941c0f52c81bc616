import { createContext, useContext } from "react";

/**
 * HTML a page sends once (a lesson's body: the largest part of its page).
 *
 * A document request renders it into the page and leaves it out of the page's hydration data:
 * the loader hands it to the render through the request's load context (`htmlOnce`), and the
 * hydrating browser takes it back from the DOM the server rendered (`<HtmlOnce>`), so it hydrates
 * exactly what is there: no mismatch, no flash, nothing for React to change. A client
 * navigation's `.data` has no DOM to read, so there the loader returns it as usual. Without a
 * load context that says which kind of request it is (the dev server, a test calling a loader),
 * it is always returned: the page is then only larger.
 */

/** What the server knows of one request, in its load context (server/index.mjs). */
export interface HtmlOnceContext {
  /** True for a document request (a page), false for `.data` (a client navigation's data). */
  document?: boolean;
  /** Filled by loaders for the render of this document: element id → HTML. */
  htmlOnce?: Map<string, string>;
}

/**
 * In a loader: the HTML to put in the loader's data, or undefined for a document, whose render
 * gets it through `context` instead (shown by `<HtmlOnce id={id}>`).
 */
export function htmlOnce(context: HtmlOnceContext | undefined, id: string, html: string): string | undefined {
  if (context?.document !== true) return html;
  context.htmlOnce ??= new Map();
  context.htmlOnce.set(id, html);
  return undefined;
}

const ServerHtml = createContext<ReadonlyMap<string, string> | null>(null);

/** entry.server.tsx: the HTML this document's loaders kept out of its data. */
export const HtmlOnceProvider = ServerHtml.Provider;

/**
 * What the server rendered into element `id`, read once, while hydrating. Kept: the page's
 * hydration data stays the router's data for as long as the page shows that route, so a later
 * render (a failed quiz post, say) must give React the same HTML again, whatever scripts (read
 * aloud) have done to the element since.
 */
const rendered = new Map<string, string>();

function renderedHtml(id: string): string {
  if (typeof document === "undefined") return "";
  let html = rendered.get(id);
  if (html === undefined) {
    const element = document.getElementById(id);
    if (!element) return "";
    html = element.innerHTML;
    rendered.set(id, html);
  }
  return html;
}

/**
 * An element whose content is `html`: from the loader's data when it is there (client
 * navigations), otherwise from the render's context (the server) or from the page itself (the
 * browser, hydrating a document).
 */
export function HtmlOnce({ id, html, className }: { id: string; html: string | undefined; className?: string }) {
  const server = useContext(ServerHtml);
  const content = html ?? server?.get(id) ?? renderedHtml(id);
  return <div id={id} className={className} dangerouslySetInnerHTML={{ __html: content }} />;
}
