import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { leavesDataUnchanged } from "~/modules/http/revalidate";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import {
  isRouteErrorResponse,
  type ShouldRevalidateFunction,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { I18nProvider, useTranslation } from "~/i18n/react";
import stylesUrl from "~/styles/app.css?url";
import { SiteFooter, SiteHeader, SiteNotice } from "~/components/layout";
import { builtInLocales, defaultLocale, localeFromPath } from "~/i18n/config";
import { areasFor } from "~/i18n/areas";
import { getI18n } from "~/i18n/i18n";
import { loadStrings } from "~/i18n/string-files";
import { OfflineStatus } from "~/components/access/OfflineStatus";
import { DISPLAY_HEAD_SCRIPT } from "~/modules/access/preferences";
import { keyOf, rootData } from "~/modules/http/root-data.server";
import { useNonce } from "~/modules/http/nonce";
import { isLimitRefusal, retryMinutes } from "~/modules/limits/limits";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "apple-touch-icon", href: "/icons/icon-192.png" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const template = context.pageTemplate;
  const data = await rootData(request, { nameSlot: template?.nameSlot });
  // Rendered as a page template (server/page-templates.mjs): its key is what this render was made of.
  if (template?.nameSlot) template.key = keyOf(data, template.nameSlot);
  return data;
}

/** Only used when a page has no title of its own (e.g. the error page). */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const locale = data?.locale ?? defaultLocale;
  const t = getI18n(locale).t;
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const title = error ? (notFound ? t("notFound.title") : t("error.title")) : t("site.name");
  return [{ title: `${title} · ${t("site.name")}` }, { name: "description", content: t("site.description") }];
};

/** The UI strings only change with the locale; the learner only changes after a form is posted. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, actionResult, defaultShouldRevalidate }) => {
  // Answers kept on the device while offline changed nothing on the server (and it cannot be reached).
  if (actionResult && typeof actionResult === "object" && "queued" in actionResult) return false;
  // Nor did an autosave, whose choices are already on the screen (modules/http/revalidate.ts).
  if (leavesDataUnchanged(actionResult)) return false;
  if (formMethod && formMethod.toUpperCase() !== "GET") return defaultShouldRevalidate;
  // Another area of the site needs other string files (areas.ts): the clientLoader loads them.
  if (areasFor(currentUrl.pathname).join() !== areasFor(nextUrl.pathname).join()) return true;
  return currentUrl.pathname.split("/")[1] !== nextUrl.pathname.split("/")[1];
};

/**
 * In the browser, after a navigation that revalidated the root (another area, another locale, a
 * form posted): the page is shown once its string files are loaded (usually from the device's
 * cache), never with keys in place of text. If they cannot be loaded, the page is loaded whole.
 */
export async function clientLoader({ serverLoader, request }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  try {
    await loadStrings(data.locale, data.strings);
  } catch {
    window.location.assign(request.url);
    await new Promise(() => undefined);
  }
  return data;
}

export function useRootData() {
  return useRouteLoaderData<typeof clientLoader>("root");
}

/**
 * The page's locale: the root loader's, or, when it did not run (an action refused before any
 * loader, e.g. a form too large), the URL's built-in locale.
 */
function usePageLocale(): string {
  const data = useRootData();
  const { pathname } = useLocation();
  return data?.locale ?? localeFromPath(pathname, builtInLocales) ?? defaultLocale;
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const locale = usePageLocale();
  const nonce = useNonce();
  return (
    <html lang={locale} data-display={data?.display ?? undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Text size and contrast before the first paint (app/modules/access/preferences.ts). */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: DISPLAY_HEAD_SCRIPT }} />
        <link rel="manifest" href={`/${locale}/manifest.webmanifest`} />
        <meta name="theme-color" content="#0b5cad" />
        <Meta />
        <Links />
        {/* Fetched at once, loaded into i18next before the page hydrates (entry.client.tsx). */}
        {data?.strings.map((href) => (
          <link key={href} rel="preload" as="fetch" crossOrigin="anonymous" href={href} data-strings="" />
        ))}
      </head>
      <body>
        <I18nProvider i18n={getI18n(locale)}>
          <SiteHeader
            locale={locale}
            languages={data?.languages ?? []}
            learner={data?.learner ?? null}
            classLinks={data?.classLinks ?? null}
          />
          <main id="main" tabIndex={-1}>
            <SiteNotice />
            <OfflineStatus locale={locale} />
            {children}
          </main>
          <SiteFooter />
        </I18nProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** A refusal thrown below (429, 503) keeps its Retry-After; nothing else is added here. */
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const retry = errorHeaders?.get("Retry-After");
  return retry ? { "Retry-After": retry, "Cache-Control": "no-store" } : new Headers();
};

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const refusal = isRouteErrorResponse(error) && isLimitRefusal(error.data) ? error.data : null;
  if (!isRouteErrorResponse(error)) console.error(error);
  const locale = usePageLocale();
  // A form too large (readFormData), refused, or limited: said plainly; nothing was saved.
  const [title, body] = refusal
    ? refusal.refusal === "busy"
      ? [t("limits.busy.title"), t("limits.busy.body")]
      : [t("limits.tooMany.title"), t("limits.tooMany.body", { count: retryMinutes(refusal.retryAfterSeconds) })]
    : (status === 404
        ? ["notFound.title", "notFound.body"]
        : status === 413
          ? ["refused.tooLarge.title", "refused.tooLarge.body"]
          : status === 403
            ? ["refused.crossSite.title", "refused.crossSite.body"]
            : ["error.title", "error.body"]
      ).map((key) => t(key));
  return (
    <div className="page narrow">
      <h1>{title}</h1>
      <p role={refusal ? "alert" : undefined}>{body}</p>
      <p>
        <a className="button" href={`/${locale}`}>
          {t("notFound.home")}
        </a>
      </p>
    </div>
  );
}
