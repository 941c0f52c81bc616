import { renderToStaticMarkup } from "react-dom/server";
import { MyDataView } from "~/components/accounts/MyDataView";
import type { Locale } from "~/i18n/config";
import { I18nProvider } from "~/i18n/react";
import { serverI18n } from "~/i18n/strings.server";
import { exportFileName, type MyData } from "./my-data.server";

const STYLE =
  "body{font:16px/1.5 system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem;color:#111}" +
  "table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:start;vertical-align:top}" +
  "dt{font-weight:700}dd{margin:0 0 .5rem}.meta{color:#555}.code{font-family:monospace}";

/** The learner's data as one readable, self-contained HTML file (no scripts, no outside links but the site's). */
export function myDataHtml(data: MyData, { locale, titles }: { locale: Locale; titles: Record<string, string> }): string {
  const i18n = serverI18n(locale);
  const title = i18n.t("accounts:myData.fileTitle", { name: data.account.displayName ?? data.account.username ?? "" });
  const body = renderToStaticMarkup(
    <I18nProvider i18n={i18n}>
      <main>
        <h1>{title}</h1>
        <p>
          {i18n.t("accounts:myData.fileLead", {
            date: new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "vi-VN", { timeZone: "Asia/Ho_Chi_Minh", dateStyle: "long" }).format(
              new Date(data.exportedAt),
            ),
          })}
        </p>
        <MyDataView data={data} locale={locale} titles={titles} />
      </main>
    </I18nProvider>,
  );
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A download response: the JSON or the readable page, never cached. */
export function myDataDownload(data: MyData, format: "json" | "html", html?: string): Response {
  const now = new Date(data.exportedAt);
  const body = format === "json" ? JSON.stringify(data, null, 2) : (html ?? "");
  return new Response(body, {
    headers: {
      "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(now, format)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
