import fs from "node:fs";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, PDFName, PDFString, rgb, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import type { CertificateDocument } from "./document";
import { qrRuns } from "~/modules/qr/qr-svg";

/**
 * The certificate as a PDF: A4 landscape, or A5 landscape for cheap printing (the same layout,
 * scaled). Be Vietnam Pro is embedded (subset) so every Vietnamese letter prints and can be
 * searched and copied; the QR code is drawn as vector squares and is also a link.
 */

export type Paper = "a4" | "a5";

const PAPER: Record<Paper, [number, number]> = {
  a4: [841.89, 595.28],
  a5: [595.28, 419.53],
};

const require = createRequire(import.meta.url);
const fontFiles = {
  regular: "@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf",
  bold: "@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf",
} as const;

let fontBytes: { regular: Buffer; bold: Buffer } | undefined;
function fonts() {
  fontBytes ??= { regular: fs.readFileSync(require.resolve(fontFiles.regular)), bold: fs.readFileSync(require.resolve(fontFiles.bold)) };
  return fontBytes;
}

let printable: Set<number> | undefined;

/** Whether every character of a text has a glyph in the certificate font (else it would print as boxes). */
export function isPrintable(text: string): boolean {
  if (!printable) {
    const regular = fontkit.create(fonts().regular) as unknown as { characterSet: number[] };
    const bold = fontkit.create(fonts().bold) as unknown as { characterSet: number[] };
    const boldSet = new Set(bold.characterSet);
    printable = new Set(regular.characterSet.filter((cp) => boldSet.has(cp)));
  }
  for (const ch of text.normalize("NFC")) {
    const cp = ch.codePointAt(0)!;
    if (cp !== 0x20 && !printable.has(cp)) return false;
  }
  return true;
}

const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.33, 0.33, 0.33);
const BLUE = rgb(0.043, 0.361, 0.678);
const RED = rgb(0.64, 0.09, 0.1);

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The largest size from `max` down to `min` at which the text fits on one line. */
function fit(text: string, font: PDFFont, max: number, min: number, width: number): number {
  const size = (max * width) / Math.max(font.widthOfTextAtSize(text, max), 1);
  return Math.max(min, Math.min(max, size));
}

function addLink(doc: PDFDocument, page: PDFPage, rect: [number, number, number, number], uri: string) {
  const annotation = doc.context.register(
    doc.context.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: rect,
      Border: [0, 0, 0],
      A: { Type: "Action", S: "URI", URI: PDFString.of(uri) },
    }),
  );
  const existing = page.node.lookup(PDFName.of("Annots"));
  if (existing && "push" in existing) (existing as unknown as { push(x: unknown): void }).push(annotation);
  else page.node.set(PDFName.of("Annots"), doc.context.obj([annotation]));
}

/** Draws the QR code's dark modules as rectangles, one per horizontal run. */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
  const { size: n, runs } = qrRuns(text);
  const cell = size / n;
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (const run of runs) {
    page.drawRectangle({
      x: x + run.col * cell,
      y: y + size - (run.row + 1) * cell,
      width: run.length * cell,
      height: cell,
      color: rgb(0, 0, 0),
    });
  }
}

/** Smallest text anywhere on the certificate, on either paper size (issue 13: readable on A5). */
export const MIN_TEXT_PT = 7;

interface Line {
  text: string;
  font: PDFFont;
  size: number;
  color: RGB;
  /** Space above this line. */
  gap: number;
  link?: string;
}

/** A line's height as drawn: the font's ascent and descent (Vietnamese marks stack high). */
const lineHeight = (l: Pick<Line, "font" | "size">) => l.font.heightAtSize(l.size) * 1.08;
const heightOf = (lines: readonly Line[]) => lines.reduce((h, l) => h + l.gap + lineHeight(l), 0);

export interface SealImage {
  png: Uint8Array;
  width: number;
  height: number;
}

/**
 * Lays the certificate out by measured heights, never fixed positions: the top block (heading
 * lines, title, name, what was completed), then along the bottom the facts, the place, date and
 * signer, and the QR code, and under them the notice of what it is not. Sizes shrink (never
 * below 7 pt) until everything fits inside the frame; the test reads the word boxes back.
 */
export async function renderCertificatePdf(
  doc: CertificateDocument,
  { paper, issuedAt, siteName, seal }: { paper: Paper; issuedAt: string; siteName: string; seal?: SealImage | null },
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(fonts().regular, { subset: true });
  const bold = await pdf.embedFont(fonts().bold, { subset: true });
  const [W, H] = PAPER[paper];
  const s = W / PAPER.a4[0];
  const page = pdf.addPage([W, H]);
  const pt = (size: number) => Math.max(MIN_TEXT_PT, size * s);

  const margin = 28 * s;
  page.drawRectangle({ x: margin, y: margin, width: W - 2 * margin, height: H - 2 * margin, borderColor: BLUE, borderWidth: 3 * s });
  const inset = margin + 7 * s;
  page.drawRectangle({ x: inset, y: inset, width: W - 2 * inset, height: H - 2 * inset, borderColor: BLUE, borderWidth: 0.8 * s });

  // The content box: inside the inner frame, with room to breathe.
  const pad = inset + 22 * s;
  const width = W - 2 * pad;
  const boxTop = H - inset - 12 * s;
  const boxBottom = inset + 9 * s;

  const lines = (text: string, font: PDFFont, size: number, color: RGB, gap: number, wrapWidth = width): Line[] =>
    text ? wrap(text, font, size, wrapWidth).map((t, i) => ({ text: t, font, size, color, gap: i === 0 ? gap : size * 0.15 })) : [];

  // The notice along the bottom edge: both languages, wrapped, never under 7 pt.
  const noticeLines = (f: number) => [
    ...lines(doc.notice[0], regular, pt(8 * f), INK, 0),
    ...lines(doc.notice[1], regular, pt(7 * f), GREY, 1 * s),
  ];

  const qrSize = Math.max(118 * s, 100); // never under 35 mm: a cheap phone still reads it on A5
  const columnGap = 16 * s;
  const signerWidth = Math.min(190 * s, (width - qrSize) * 0.42);
  const factsWidth = width - qrSize - signerWidth - 2 * columnGap;

  const factLines = (f: number): Line[] => [
    ...lines(doc.completedOn[0], bold, pt(11 * f), INK, 0, factsWidth),
    ...lines(doc.completedOn[1], regular, pt(9 * f), GREY, 0.5 * s, factsWidth),
    ...lines(doc.code[0], bold, pt(11 * f), INK, 5 * s, factsWidth),
    ...lines(doc.code[1], regular, pt(9 * f), GREY, 0.5 * s, factsWidth),
    ...lines(doc.scan[0], regular, pt(9 * f), INK, 5 * s, factsWidth),
    ...lines(doc.scan[1], regular, pt(8 * f), GREY, 0.5 * s, factsWidth),
    ...lines(doc.verifyUrl, regular, pt(9 * f), BLUE, 1 * s, factsWidth).map((l) => ({ ...l, link: doc.verifyUrl })),
    ...lines(doc.signed[0], regular, pt(7.5 * f), INK, 5 * s, factsWidth),
    ...lines(doc.signed[1], regular, pt(7 * f), GREY, 0.5 * s, factsWidth),
  ];

  const sealHeight = (f: number) => (seal ? Math.max(48, 62 * s * f) : doc.signer ? 34 * s * f : 0);
  const signerTop = (f: number): Line[] => [
    ...lines(doc.placeDate[0], regular, pt(10 * f), INK, 0, signerWidth),
    ...lines(doc.placeDate[1], regular, pt(8 * f), GREY, 0.5 * s, signerWidth),
    ...(doc.signer?.title ? lines(doc.signer.title[0].toLocaleUpperCase(doc.locale), bold, pt(10 * f), INK, 5 * s, signerWidth) : []),
    ...(doc.signer?.title ? lines(doc.signer.title[1], regular, pt(8 * f), GREY, 0.5 * s, signerWidth) : []),
  ];
  const signerBottom = (f: number): Line[] => (doc.signer?.name ? lines(doc.signer.name, bold, pt(11 * f), INK, 0, signerWidth) : []);

  const revokedLines = (f: number) =>
    doc.revoked ? lines(`${doc.revoked[0]} · ${doc.revoked[1]}`, bold, pt(13 * f), RED, 0, width - 24 * s) : [];

  const topLines = (f: number): Line[] => {
    const issuerShown = doc.issuer.filter(
      (name) => !doc.headingLines.some((l) => l.toLocaleLowerCase("vi") === name.toLocaleLowerCase("vi")),
    );
    const heading = doc.heading[0];
    return [
      ...doc.headingLines.flatMap((l, i) => lines(l, bold, pt(11 * f), INK, i === 0 ? 0 : 1 * s)),
      ...issuerShown.flatMap((name, i) => lines(name, regular, pt((i === 0 && issuerShown.length === 2 ? 10 : 9) * f), GREY, 2 * s)),
      ...lines(heading, bold, Math.max(pt(16 * f), fit(heading, bold, 28 * s * f, pt(16 * f), width)), BLUE, 14 * s * f),
      ...lines(doc.heading[1], regular, pt(11 * f), GREY, 2 * s),
      ...lines(doc.certifies[0], regular, pt(12 * f), INK, 10 * s * f),
      ...lines(doc.certifies[1], regular, pt(9 * f), GREY, 1 * s),
      ...lines(doc.name, bold, Math.max(pt(16 * f), fit(doc.name, bold, 32 * s * f, pt(16 * f), width)), INK, 6 * s * f),
      ...lines(doc.achievement[0], regular, pt(12 * f), INK, 6 * s * f),
      ...lines(doc.achievement[1], regular, pt(9 * f), GREY, 1 * s),
      ...lines(doc.subject[0], bold, pt(16 * f), INK, 4 * s * f),
      ...lines(doc.subject[1], regular, pt(10 * f), GREY, 1 * s),
    ];
  };

  // Shrink until it fits: the measured heights decide, never a fixed y.
  const bannerPad = 5 * s;
  let f = 1;
  let plan: ReturnType<typeof measure>;
  function measure(f: number) {
    const banner = revokedLines(f);
    const top = topLines(f);
    const facts = factLines(f);
    const sTop = signerTop(f);
    const sBottom = signerBottom(f);
    const notice = noticeLines(f);
    const signerHeight = heightOf(sTop) + (sealHeight(f) ? 4 * s + sealHeight(f) + 4 * s : 0) + heightOf(sBottom);
    const bottomHeight = Math.max(heightOf(facts), signerHeight, qrSize);
    const bannerHeight = banner.length ? heightOf(banner) + 2 * bannerPad + 8 * s : 0;
    const needed = bannerHeight + heightOf(top) + 10 * s + bottomHeight + 6 * s + heightOf(notice);
    return { banner, top, facts, sTop, sBottom, notice, signerHeight, bottomHeight, bannerHeight, needed };
  }
  for (;;) {
    plan = measure(f);
    if (plan.needed <= boxTop - boxBottom || f <= 0.5) break;
    f -= 0.05;
  }
  const { banner, top, facts, sTop, sBottom, notice, signerHeight, bottomHeight, bannerHeight } = plan;

  const drawn: { x: number; y: number; w: number; h: number }[] = [];
  const draw = (l: Line, x: number, topY: number): number => {
    const y = topY - l.gap - l.font.heightAtSize(l.size, { descender: false });
    page.drawText(l.text, { x, y, size: l.size, font: l.font, color: l.color });
    const w = l.font.widthOfTextAtSize(l.text, l.size);
    if (l.link) addLink(pdf, page, [x, y - 2 * s, x + w, y + l.size], l.link);
    drawn.push({ x, y: topY - l.gap - lineHeight(l), w, h: lineHeight(l) });
    return topY - l.gap - lineHeight(l);
  };
  const centredColumn = (ls: readonly Line[], left: number, colWidth: number, topY: number) =>
    ls.reduce((y, l) => draw(l, left + (colWidth - l.font.widthOfTextAtSize(l.text, l.size)) / 2, y), topY);

  // The revoked banner, inside the frame at the top, in red capitals.
  let y = boxTop;
  if (banner.length) {
    const bannerWidth = Math.max(...banner.map((l) => l.font.widthOfTextAtSize(l.text, l.size))) + 16 * s;
    const boxHeight = heightOf(banner) + 2 * bannerPad;
    page.drawRectangle({
      x: (W - bannerWidth) / 2,
      y: y - boxHeight,
      width: bannerWidth,
      height: boxHeight,
      borderColor: RED,
      borderWidth: 1.5 * s,
      color: rgb(1, 1, 1),
    });
    centredColumn(banner, pad, width, y - bannerPad);
    y -= bannerHeight;
  }

  // The notice at the very bottom, then the bottom row above it, then the top block centred in what is left.
  const noticeTop = boxBottom + heightOf(notice);
  centredColumn(notice, pad, width, noticeTop);
  const rowBottom = noticeTop + 6 * s;
  const rowTop = rowBottom + bottomHeight;
  const topSpace = y - rowTop - 10 * s;
  centredColumn(top, pad, width, y - Math.max(0, (topSpace - heightOf(top)) / 2));

  // Bottom row: facts on the left, place, date and signer in the middle, the QR code on the right.
  facts.reduce((yy, l) => draw(l, pad, yy), rowTop);
  const signerLeft = pad + factsWidth + columnGap;
  let sy = centredColumn(sTop, signerLeft, signerWidth, rowBottom + (bottomHeight + signerHeight) / 2);
  const sh = sealHeight(f);
  if (sh) {
    sy -= 4 * s;
    if (seal) {
      const sealImage = await pdf.embedPng(seal.png);
      const w = Math.min(signerWidth, (sh * seal.width) / seal.height);
      const h = (w * seal.height) / seal.width;
      page.drawImage(sealImage, { x: signerLeft + (signerWidth - w) / 2, y: sy - sh + (sh - h) / 2, width: w, height: h });
    }
    sy -= sh + 4 * s;
  }
  centredColumn(sBottom, signerLeft, signerWidth, sy);
  const qrX = W - pad - qrSize;
  const qrY = rowBottom + (bottomHeight - qrSize) / 2;
  drawQr(page, doc.qrUrl, qrX, qrY, qrSize);
  addLink(pdf, page, [qrX, qrY, qrX + qrSize, qrY + qrSize], doc.qrUrl);

  // What the layout promises, checked as it is drawn (the test also reads the PDF back).
  for (const box of drawn) {
    if (box.x < pad - 0.5 || box.x + box.w > W - pad + 0.5 || box.y < boxBottom - 0.5 || box.y + box.h > boxTop + 0.5) {
      throw new Error(`certificate layout: a line falls outside the frame (${JSON.stringify(box)})`);
    }
  }

  const date = new Date(issuedAt);
  pdf.setTitle(`${doc.heading[0]} – ${doc.name}`, { showInWindowTitleBar: true });
  pdf.setAuthor(doc.issuer[0]);
  pdf.setSubject(doc.subject[0] || doc.achievement[0]);
  pdf.setKeywords([doc.code[0]]);
  pdf.setLanguage(doc.locale);
  pdf.setCreator(siteName);
  pdf.setProducer("pdf-lib");
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  return pdf.save();
}
