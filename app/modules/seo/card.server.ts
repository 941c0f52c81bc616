import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import fontkit, { type Font } from "@pdf-lib/fontkit";
import { Resvg } from "@resvg/resvg-js";
import { translate } from "~/i18n/locale.server";
import type { Course } from "~/modules/content/course.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { cardSvg, type CardText, type Measure } from "./card";

/**
 * The preview cards (og:image), one per topic and locale plus one for the course, drawn when the
 * server starts (warmup) and kept in memory: ~20 ms and ~40 KB each. Their address carries a hash
 * of the drawing (`?v=`), so a changed title is fetched again by Zalo and Facebook.
 */

const require = createRequire(import.meta.url);
const FONT_FILES = {
  bold: require.resolve("@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf"),
  medium: require.resolve("@expo-google-fonts/be-vietnam-pro/500Medium/BeVietnamPro_500Medium.ttf"),
};

let fonts: Record<"bold" | "medium", Font> | undefined;
const measure: Measure = (text, size, weight) => {
  fonts ??= {
    bold: fontkit.create(fs.readFileSync(FONT_FILES.bold)),
    medium: fontkit.create(fs.readFileSync(FONT_FILES.medium)),
  };
  const font = fonts[weight];
  return (font.layout(text).advanceWidth / font.unitsPerEm) * size;
};

/** The course's own card (home page, programme certificate): this subject id is never a topic's. */
export const COURSE_CARD = "course";

export interface Card {
  svg: string;
  version: string;
  /** The title drawn on it, for og:image:alt. */
  alt: string;
  png?: Buffer;
}

const cards = new Map<string, Card>();

function cardText(course: Course, locale: string, subject: string): CardText | null {
  const kicker = translate(locale, "site.name");
  if (subject === COURSE_CARD) {
    const lessons = course.modules(locale).reduce((n, m) => n + m.lessons.length, 0);
    return { kicker, title: translate(locale, "home.title"), footer: translate(locale, "share.cardFooter", { count: lessons }) };
  }
  const module = course.module(locale, subject);
  if (!module) return null;
  return { kicker, title: module.title, footer: translate(locale, "share.cardFooter", { count: module.lessons.length }) };
}

/** A card's drawing (not yet rasterised), or null for a topic that does not exist. */
export function findCard(course: Course, locale: string, subject: string): Card | null {
  const key = `${course.version}:${locale}:${subject}`;
  const known = cards.get(key);
  if (known) return known;
  const text = cardText(course, locale, subject);
  if (!text) return null;
  const svg = cardSvg(text, measure);
  const card = { svg, alt: text.title, version: createHash("sha256").update(svg).digest("base64url").slice(0, 10) };
  cards.set(key, card);
  return card;
}

/** The card as PNG, drawn once. */
export function cardPng(card: Card): Buffer {
  card.png ??= new Resvg(card.svg, {
    font: { fontFiles: [FONT_FILES.bold, FONT_FILES.medium], loadSystemFonts: false, defaultFontFamily: "Be Vietnam Pro" },
  })
    .render()
    .asPng();
  return card.png;
}

/** Where a card is served; the version makes previews refresh when it changes. */
export function cardPath(course: Course, locale: string, subject: string): { path: string; alt: string } | null {
  const card = findCard(course, locale, subject);
  return card ? { path: `/${locale}/cards/${subject}.png?v=${card.version}`, alt: card.alt } : null;
}

/** A card's address and text for a page's preview: `COURSE_CARD` or a topic's id. */
export async function cardImage(locale: string, subject: string): Promise<{ path: string; alt: string } | null> {
  return cardPath(await getCourse(), locale, subject);
}

/** Draws every card of the course (at start, so the first preview bot never waits). */
export function prepareCards(course: Course, locales: readonly string[]): number {
  let drawn = 0;
  for (const locale of locales) {
    for (const subject of [COURSE_CARD, ...course.modules(locale).map((m) => m.id)]) {
      const card = findCard(course, locale, subject);
      if (card) {
        cardPng(card);
        drawn += 1;
      }
    }
  }
  return drawn;
}
