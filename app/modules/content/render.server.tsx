import mdxClient from "mdx-bundler/client/index.js";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nProvider } from "~/i18n/react";
import { mdxComponents } from "~/components/lesson/mdx-components.server";
import { serverI18n } from "~/i18n/strings.server";
import type { LessonFrontmatter } from "./schema";

/**
 * Renders compiled lesson code to static HTML, once per content version. The browser receives
 * HTML only, never MDX code: lessons cost no JavaScript and cannot leak quiz data.
 */
export function renderLessonHtml(code: string, locale: string): string {
  const Component = mdxClient.getMDXComponent(code);
  const i18n = serverI18n(locale);
  return renderToStaticMarkup(
    <I18nProvider i18n={i18n}>
      <Component components={mdxComponents} />
    </I18nProvider>,
  );
}

/** A lesson's sources as its page lists them: static HTML too, rendered once with the lesson. */
export function renderSourcesHtml(sources: LessonFrontmatter["sources"]): string {
  return renderToStaticMarkup(
    <ul>
      {sources.map((s) => (
        <li key={s.url}>
          <a href={s.url} rel="noopener noreferrer">
            {s.title}
          </a>
        </li>
      ))}
    </ul>,
  );
}
