import { renderToStaticMarkup } from "react-dom/server";
import stylesUrl from "~/styles/app.css?url";
import { localeFromPath, negotiateLocale } from "~/i18n/config";
import { supportedLocales, translate } from "~/i18n/locale.server";

export type RefusalKind = "tooLarge" | "crossSite" | "busy";

/**
 * A whole page for a request the server refuses before the app reads it (a body over the ceiling,
 * a post from another site): in the visitor's language (the URL's locale, else Accept-Language),
 * with the site's stylesheet and a link home, and no script at all.
 */
export function renderRefusal(kind: RefusalKind, { path, acceptLanguage }: { path: string; acceptLanguage?: string | null }): string {
  const locales = supportedLocales();
  const locale = localeFromPath(path, locales) ?? negotiateLocale(acceptLanguage, locales);
  const t = (key: string) => translate(locale, key);
  const title = t(`refused.${kind}.title`);
  const page = (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t("site.name")}`}</title>
        <link rel="stylesheet" href={stylesUrl} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <main id="main">
          <div className="page narrow">
            <h1>{title}</h1>
            <p>{t(`refused.${kind}.body`)}</p>
            <p>
              <a className="button" href={`/${locale}`}>
                {t("refused.back")}
              </a>
            </p>
          </div>
        </main>
      </body>
    </html>
  );
  return `<!DOCTYPE html>${renderToStaticMarkup(page)}`;
}
