import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireLocale } from "~/i18n/locale.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { cardPng, findCard } from "~/modules/seo/card.server";

/**
 * /<lang>/cards/<topic>.png (or course.png): a topic's link-preview card (og:image), drawn at
 * start. Its address in pages carries `?v=<hash of the drawing>`, so it may be kept for a week.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const subject = /^([a-z0-9-]+)\.png$/.exec(params.card ?? "")?.[1];
  const card = subject ? findCard(await getCourse(), locale, subject) : null;
  if (!card) notFound();
  const etag = `"${card.version}"`;
  const headers = { "Content-Type": "image/png", "Cache-Control": "public, max-age=604800", ETag: etag };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  const png = cardPng(card);
  return new Response(new Uint8Array(png.buffer as ArrayBuffer, png.byteOffset, png.byteLength), { headers });
}
