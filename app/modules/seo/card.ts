/**
 * The link-preview card of a topic (og:image): what Zalo and Facebook show above a shared link.
 * 1200 × 630 (the 1.91:1 both crop to), the topic's title large on the site's blue, the site's
 * name above it and the number of lessons below. Pure layout: the SVG is rasterised in
 * card.server.ts, with Be Vietnam Pro, so every Vietnamese letter is drawn.
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export interface CardText {
  /** Small, at the top: the site's name. */
  kicker: string;
  /** Large: the topic's title, wrapped on up to 3 lines. */
  title: string;
  /** On the band at the bottom, e.g. "7 bài học · Miễn phí, không cần tài khoản". */
  footer: string;
}

/** The width of a text, in pixels, at a font size (measured with the card's font). */
export type Measure = (text: string, size: number, weight: "bold" | "medium") => number;

const MARGIN = 80;
const TEXT_WIDTH = CARD_WIDTH - 2 * MARGIN;
/** Title sizes tried from the largest: the first at which it fits in 3 lines is used. */
const TITLE_SIZES = [76, 66, 58, 50];
const TITLE_LINES = 3;

/** Greedy word wrap; a word longer than the width stands on its own line (the title is then made smaller). */
export function wrapText(text: string, width: number, measure: (line: string) => number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next) > width) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Lines of even length: the narrowest width that needs no more lines than the full width does
 * (so a title never ends with one short word alone on its last line).
 */
export function balancedWrap(text: string, width: number, measure: (line: string) => number): string[] {
  const lines = wrapText(text, width, measure);
  if (lines.length < 2) return lines;
  let low = 0;
  let high = width;
  while (high - low > 4) {
    const mid = (low + high) / 2;
    if (wrapText(text, mid, measure).length <= lines.length) high = mid;
    else low = mid;
  }
  return wrapText(text, high, measure);
}

/** The title's lines and size: the largest size at which it fits; at the smallest, what does not fit ends in "…". */
export function layoutTitle(title: string, measure: Measure): { size: number; lines: string[] } {
  for (const size of TITLE_SIZES) {
    const fits = (l: string) => measure(l, size, "bold") <= TEXT_WIDTH;
    const lines = wrapText(title, TEXT_WIDTH, (l) => measure(l, size, "bold"));
    if (lines.length <= TITLE_LINES && lines.every(fits))
      return { size, lines: balancedWrap(title, TEXT_WIDTH, (l) => measure(l, size, "bold")) };
  }
  const size = TITLE_SIZES[TITLE_SIZES.length - 1]!;
  const lines = wrapText(title, TEXT_WIDTH, (l) => measure(l, size, "bold")).slice(0, TITLE_LINES);
  let last = lines[TITLE_LINES - 1] ?? "";
  while (last && measure(`${last}…`, size, "bold") > TEXT_WIDTH) last = last.slice(0, -1).trimEnd();
  if (lines.length === TITLE_LINES) lines[TITLE_LINES - 1] = `${last}…`;
  return { size, lines };
}

const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The card as SVG, with the font family the rasteriser is given. */
export function cardSvg(text: CardText, measure: Measure, fontFamily = "Be Vietnam Pro"): string {
  const { size, lines } = layoutTitle(text.title.normalize("NFC"), measure);
  const lineHeight = Math.round(size * 1.25);
  // The title block is centred between the kicker (top) and the band (bottom).
  const top = 150;
  const bottom = CARD_HEIGHT - 90;
  const firstBaseline = Math.round(top + (bottom - top - lineHeight * lines.length) / 2 + size);
  const title = lines
    .map(
      (line, i) =>
        `<text x="${MARGIN}" y="${firstBaseline + i * lineHeight}" font-size="${size}" font-weight="700">${escapeXml(line)}</text>`,
    )
    .join("");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#0b5cad"/>`,
    `<rect y="${CARD_HEIGHT - 90}" width="${CARD_WIDTH}" height="90" fill="#08457f"/>`,
    `<g font-family="${escapeXml(fontFamily)}" fill="#ffffff">`,
    `<text x="${MARGIN}" y="110" font-size="38" font-weight="500">${escapeXml(text.kicker.normalize("NFC"))}</text>`,
    title,
    `<text x="${MARGIN}" y="${CARD_HEIGHT - 33}" font-size="32" font-weight="500">${escapeXml(text.footer.normalize("NFC"))}</text>`,
    `</g></svg>`,
  ].join("");
}
