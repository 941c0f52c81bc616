import type { LoaderFunctionArgs } from "@remix-run/node";
import { defaultLocale } from "~/i18n/config";
import { supportedLocales } from "~/i18n/locale.server";
import { siteOrigin } from "~/modules/http/public-url.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { sitemapXml } from "~/modules/seo/sitemap";

/** /sitemap.xml: the home, every topic, lesson and practice, in every locale with its alternates. */
export async function loader(_args: LoaderFunctionArgs) {
  const course = await getCourse();
  // Every locale shows every topic of the reference course (in Vietnamese where not translated).
  const paths = [""];
  for (const m of course.modules(defaultLocale)) {
    paths.push(
      `/modules/${m.id}`,
      ...m.lessons.map((l) => `/modules/${m.id}/${l.id}`),
      ...m.practices.map((p) => `/modules/${m.id}/practice/${p.id}`),
    );
  }
  return new Response(sitemapXml({ origin: siteOrigin(), locales: supportedLocales(), paths }), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
