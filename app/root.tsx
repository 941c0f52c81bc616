import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  type ShouldRevalidateFunction,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { I18nProvider, useTranslation } from "~/i18n/react";
import stylesUrl from "~/styles/app.css?url";
import { SiteFooter, SiteHeader } from "~/components/layout";
import { defaultLocale, localeFromPath, negotiateLocale } from "~/i18n/config";
import { getI18n } from "~/i18n/i18n";
import { stringSelectionFor } from "~/i18n/namespaces";
import { supportedLocales } from "~/i18n/locale.server";
import { stringsJsonFor, stringsFor } from "~/i18n/strings.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { headerLinks } from "~/modules/classes/nav.server";
import { getDb } from "~/db.server";
import { OfflineStatus } from "~/components/access/OfflineStatus";
import { DISPLAY_HEAD_SCRIPT, encodeDisplay } from "~/modules/access/preferences";
import { displayForRequest } from "~/modules/access/preferences.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "apple-touch-icon", href: "/icons/icon-192.png" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locales = supportedLocales();
  const locale = localeFromPath(url.pathname, locales) ?? negotiateLocale(request.headers.get("Accept-Language"), locales);
  const learner = await getCurrentLearner(request).catch((error: unknown) => {
    // The page can still be shown without knowing who is signed in.
    console.error(error);
    return null;
  });
  // Text size and contrast saved for this learner (or, without JavaScript, in a cookie).
  const display = await getDb()
    .then((db) => displayForRequest(db, { request, learnerId: learner?.id ?? null }))
    .catch(() => null);
  return {
    locale,
    strings: stringsJsonFor(locale, stringSelectionFor(url.pathname)),
    // Each language named in itself, for the language switch.
    languages: locales.map((code) => ({
      code,
      name: String((stringsFor(code).common as { meta?: { languageName?: string } }).meta?.languageName ?? code),
    })),
    learner: learner ? { kind: learner.kind, displayName: learner.display_name } : null,
    // Classes, administration and "switch learner" links, for those who have them.
    classLinks: await headerLinks(request, learner).catch(() => null),
    display: display ? encodeDisplay(display) : null,
  };
}

/** Only used when a page has no title of its own (e.g. the error page). */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const locale = data?.locale ?? defaultLocale;
  const t = getI18n(locale, data?.strings).t;
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const title = error ? (notFound ? t("notFound.title") : t("error.title")) : t("site.name");
  return [{ title: `${title} · ${t("site.name")}` }, { name: "description", content: t("site.description") }];
};

/** The UI strings only change with the locale; the learner only changes after a form is posted. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, actionResult, defaultShouldRevalidate }) => {
  // Answers kept on the device while offline changed nothing on the server (and it cannot be reached).
  if (actionResult && typeof actionResult === "object" && "queued" in actionResult) return false;
  if (formMethod && formMethod.toUpperCase() !== "GET") return defaultShouldRevalidate;
  // Course pages get fewer strings (namespaces.ts): leaving them for another page fetches the rest.
  if (stringSelectionFor(currentUrl.pathname) !== stringSelectionFor(nextUrl.pathname)) return true;
  return currentUrl.pathname.split("/")[1] !== nextUrl.pathname.split("/")[1];
};

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const locale = data?.locale ?? defaultLocale;
  return (
    <html lang={locale} data-display={data?.display ?? undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Text size and contrast before the first paint (app/modules/access/preferences.ts). */}
        <script dangerouslySetInnerHTML={{ __html: DISPLAY_HEAD_SCRIPT }} />
        <link rel="manifest" href={`/${locale}/manifest.webmanifest`} />
        <meta name="theme-color" content="#0b5cad" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nProvider i18n={getI18n(locale, data?.strings)}>
          <SiteHeader
            locale={locale}
            languages={data?.languages ?? []}
            learner={data?.learner ?? null}
            classLinks={data?.classLinks ?? null}
          />
          <main id="main" tabIndex={-1}>
            <OfflineStatus locale={locale} />
            {children}
          </main>
          <SiteFooter />
        </I18nProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (!isRouteErrorResponse(error)) console.error(error);
  const locale = useRootData()?.locale ?? defaultLocale;
  return (
    <div className="page narrow">
      <h1>{notFound ? t("notFound.title") : t("error.title")}</h1>
      <p>{notFound ? t("notFound.body") : t("error.body")}</p>
      <p>
        <a className="button" href={`/${locale}`}>
          {t("notFound.home")}
        </a>
      </p>
    </div>
  );
}
