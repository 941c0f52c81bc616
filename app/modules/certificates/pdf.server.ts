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

export async function renderCertificatePdf(
  doc: CertificateDocument,
  { paper, issuedAt, siteName }: { paper: Paper; issuedAt: string; siteName: string },
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(fonts().regular, { subset: true });
  const bold = await pdf.embedFont(fonts().bold, { subset: true });
  const [W, H] = PAPER[paper];
  const s = W / PAPER.a4[0];
  const page = pdf.addPage([W, H]);

  const margin = 28 * s;
  page.drawRectangle({ x: margin, y: margin, width: W - 2 * margin, height: H - 2 * margin, borderColor: BLUE, borderWidth: 3 * s });
  const inset = margin + 7 * s;
  page.drawRectangle({ x: inset, y: inset, width: W - 2 * inset, height: H - 2 * inset, borderColor: BLUE, borderWidth: 0.8 * s });

  const pad = margin + 40 * s;
  const width = W - 2 * pad;
  let y = H - margin - 44 * s;

  const centred = (text: string, font: PDFFont, size: number, color: RGB, { wrapWidth = width, gap = 0.3 } = {}) => {
    if (!text) return;
    for (const line of wrap(text, font, size, wrapWidth)) {
      y -= size;
      page.drawText(line, { x: (W - font.widthOfTextAtSize(line, size)) / 2, y, size, font, color });
      y -= size * gap;
    }
  };

  centred(doc.issuer[0], bold, 13 * s, INK);
  centred(doc.issuer[1], regular, 10 * s, GREY);
  y -= 16 * s;
  centred(doc.heading[0], bold, fit(doc.heading[0], bold, 28 * s, 20 * s, width), BLUE);
  centred(doc.heading[1], regular, 12 * s, GREY);
  y -= 14 * s;
  centred(doc.certifies[0], regular, 13 * s, INK);
  centred(doc.certifies[1], regular, 10 * s, GREY);
  y -= 6 * s;
  centred(doc.name, bold, fit(doc.name, bold, 34 * s, 16 * s, width), INK);
  y -= 8 * s;
  centred(doc.achievement[0], regular, 13 * s, INK);
  centred(doc.achievement[1], regular, 10 * s, GREY);
  if (doc.subject[0]) {
    y -= 4 * s;
    centred(doc.subject[0], bold, 18 * s, INK);
    centred(doc.subject[1], regular, 11 * s, GREY);
  }

  // Bottom: dates, code and where to check it on the left; the QR code on the right.
  // Never under 35 mm, so that a cheap phone camera still reads it on A5 paper.
  const qrSize = Math.max(118 * s, 100);
  const qrX = W - pad - qrSize;
  const qrY = margin + 30 * s;
  drawQr(page, doc.qrUrl, qrX, qrY, qrSize);
  addLink(pdf, page, [qrX, qrY, qrX + qrSize, qrY + qrSize], doc.qrUrl);

  const columnWidth = qrX - pad - 24 * s;
  const rows: { text: string; font: PDFFont; size: number; color: RGB; gapAfter?: number; link?: string }[] = [
    { text: doc.completedOn[0], font: bold, size: 12 * s, color: INK },
    { text: doc.completedOn[1], font: regular, size: 10 * s, color: GREY, gapAfter: 6 * s },
    { text: doc.code[0], font: bold, size: 12 * s, color: INK },
    { text: doc.code[1], font: regular, size: 10 * s, color: GREY, gapAfter: 6 * s },
    { text: doc.scan[0], font: regular, size: 10 * s, color: INK },
    { text: doc.scan[1], font: regular, size: 9 * s, color: GREY },
    { text: doc.verifyUrl, font: regular, size: 10 * s, color: BLUE, gapAfter: 6 * s, link: doc.verifyUrl },
    { text: doc.signed[0], font: regular, size: 9 * s, color: INK },
    { text: doc.signed[1], font: regular, size: 8 * s, color: GREY },
  ];
  const laidOut = rows.flatMap((r) =>
    wrap(r.text, r.font, r.size, columnWidth).map((line, i, all) => ({
      ...r,
      line,
      gapAfter: i === all.length - 1 ? (r.gapAfter ?? 0) : 0,
    })),
  );
  let by = margin + 30 * s + laidOut.reduce((h, r) => h + r.size * 1.3 + r.gapAfter, 0);
  for (const r of laidOut) {
    by -= r.size;
    page.drawText(r.line, { x: pad, y: by, size: r.size, font: r.font, color: r.color });
    if (r.link) addLink(pdf, page, [pad, by - 2 * s, pad + r.font.widthOfTextAtSize(r.line, r.size), by + r.size], r.link);
    by -= r.size * 0.3 + r.gapAfter;
  }

  // What it is and is not, in small print along the bottom edge, under the QR code and the facts.
  const noticeSize = fit(doc.notice[0], regular, 8 * s, 5.5 * s, width);
  const secondSize = fit(doc.notice[1], regular, 7 * s, 5 * s, width);
  page.drawText(doc.notice[0], {
    x: (W - regular.widthOfTextAtSize(doc.notice[0], noticeSize)) / 2,
    y: margin + 19 * s,
    size: noticeSize,
    font: regular,
    color: INK,
  });
  page.drawText(doc.notice[1], {
    x: (W - regular.widthOfTextAtSize(doc.notice[1], secondSize)) / 2,
    y: margin + 11 * s,
    size: secondSize,
    font: regular,
    color: GREY,
  });

  if (doc.revoked) {
    // Across the top, in red, where nobody can miss it (and as text that can be read out).
    const text = `${doc.revoked[0]} · ${doc.revoked[1]}`;
    const size = fit(text, bold, 16 * s, 8 * s, width);
    const w = bold.widthOfTextAtSize(text, size);
    const top = H - margin - 26 * s;
    page.drawRectangle({
      x: (W - w) / 2 - 8 * s,
      y: top - 5 * s,
      width: w + 16 * s,
      height: size + 10 * s,
      borderColor: RED,
      borderWidth: 2 * s,
      color: rgb(1, 1, 1),
    });
    page.drawText(text, { x: (W - w) / 2, y: top, size, font: bold, color: RED });
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
