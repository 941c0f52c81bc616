import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument, PDFName, PDFDict, PDFArray, PDFString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { serverI18n } from "~/i18n/strings.server";
import { certificateDocument, type CertificateFacts, type LayoutFacts } from "./document";
import { isPrintable, MIN_TEXT_PT, renderCertificatePdf, type Paper, type SealImage } from "./pdf.server";
import { checkSeal } from "./seal.server";

/** pdftotext comes from Debian's poppler-utils (scripts/ensure-services.sh installs it). */
function pdfText(bytes: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cert-pdf-"));
  const file = path.join(dir, "c.pdf");
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).normalize("NFC");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const t = (locale: string, key: string, options?: Record<string, unknown>) => serverI18n(locale).t(key, options);
const name = "Nguyễn Thị Ánh Tuyết";
const facts: CertificateFacts = {
  code: "7K3QD-M9X2A-RT5VC",
  kind: "module",
  // Typed on a keyboard that composes letters from marks: must print the same.
  printedName: name.normalize("NFD").normalize("NFC"),
  titles: { vi: "Nhận diện và phòng tránh lừa đảo trực tuyến", en: "Recognising and avoiding online scams" },
  completedAt: "2026-03-01T20:00:00.000Z",
  issuedAt: "2026-03-05T03:00:00.000Z",
  issuer: { vi: "Ủy ban nhân dân xã Tân Phú", en: "Tan Phu Commune People's Committee" },
  revokedAt: null,
};

const fullLayout: LayoutFacts = {
  headingLines: ["ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ", "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"],
  place: { vi: "Tân Phú", en: "Tan Phu" },
  signer: {
    title: { vi: "TM. Ủy ban nhân dân xã – Chủ tịch", en: "For the Commune People's Committee – Chairman" },
    name: "Trần Văn Bình",
  },
};
const sealSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><circle cx="100" cy="100" r="90" fill="none" stroke="#c00" stroke-width="8"/></svg>`;

async function render(locale: string, paper: Paper, over: Partial<CertificateFacts> = {}, layout?: LayoutFacts, seal?: SealImage | null) {
  const doc = certificateDocument({ ...facts, ...over }, { locale, origin: "https://hoc.example.vn", token: "aaa.bbb.ccc", t, layout });
  return {
    doc,
    bytes: await renderCertificatePdf(doc, { paper, issuedAt: "2026-03-05T03:00:00.000Z", siteName: "Bình dân học vụ số", seal }),
  };
}

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word's box as poppler lays the page out (pdftotext -bbox), in points from the top left. */
function words(bytes: Uint8Array): { page: { width: number; height: number }; words: Word[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cert-bbox-"));
  const file = path.join(dir, "c.pdf");
  fs.writeFileSync(file, bytes);
  try {
    const html = execFileSync("pdftotext", ["-bbox", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    const page = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html)!;
    const found = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: m[5]!
        .replace(/&apos;|&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&"),
    }));
    return { page: { width: Number(page[1]), height: Number(page[2]) }, words: found };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("certificate PDF", () => {
  it("prints the learner's name with every diacritic, in the learner's language with the other beneath", async () => {
    const { bytes } = await render("vi", "a4");
    const text = pdfText(bytes);
    expect(text).toContain(name);
    expect(text).toContain("Nhận diện và phòng tránh lừa đảo trực tuyến");
    expect(text).toContain("Recognising and avoiding online scams");
    expect(text).toContain("Ủy ban nhân dân xã Tân Phú");
    expect(text).toContain("CHỨNG NHẬN HOÀN THÀNH CHỦ ĐỀ");
    expect(text).toContain("CERTIFICATE OF COMPLETION");
    // The date in Vietnam's time zone: 20:00 UTC on 1 March is 2 March there.
    expect(text).toContain("Hoàn thành ngày 02 tháng 03 năm 2026");
    expect(text).toContain("Completed on 2 March 2026");
    expect(text).toContain("7K3QD-M9X2A-RT5VC");
    expect(text).toContain("https://hoc.example.vn/verify/7K3QD-M9X2A-RT5VC");
    expect(text.indexOf("Chứng nhận")).toBeLessThan(text.indexOf("This certifies that"));
  });

  it("says in one line what it is and what it is not, in both languages", async () => {
    for (const paper of ["a4", "a5"] as const) {
      const text = pdfText((await render("vi", paper)).bytes).replace(/\s+/g, " ");
      expect(text).toContain(
        "Chứng nhận học xong khóa học trên nền tảng này. Không phải là xác nhận đạt chuẩn phổ cập kỹ năng số theo quy định của Nhà nước.",
      );
      expect(text).toContain("It is not the State's official confirmation of reaching the universal digital-skills standard.");
    }
  });

  it("puts English first for an English reader", async () => {
    const text = pdfText((await render("en", "a4")).bytes);
    expect(text.indexOf("Recognising and avoiding online scams")).toBeLessThan(text.indexOf("Nhận diện và phòng tránh lừa đảo trực tuyến"));
    expect(text).toContain(name);
  });

  it("is A4 or A5 landscape, embeds Be Vietnam Pro, and links the QR code to the verification page", async () => {
    for (const [paper, size] of [
      ["a4", [842, 595]],
      ["a5", [595, 420]],
    ] as const) {
      const { bytes, doc } = await render("vi", paper);
      const pdf = await PDFDocument.load(bytes);
      const page = pdf.getPage(0);
      expect([Math.round(page.getWidth()), Math.round(page.getHeight())]).toEqual(size);
      const fonts = execFileSync("pdffonts", ["-"], { input: Buffer.from(bytes), encoding: "utf8" });
      expect(fonts).toMatch(/BeVietnamPro-Regular/);
      expect(fonts).toMatch(/BeVietnamPro-Bold/);
      const annots = page.node.lookup(PDFName.of("Annots"), PDFArray);
      const uris = annots.asArray().map((ref) => {
        const action = pdf.context.lookup(ref, PDFDict).lookup(PDFName.of("A"), PDFDict);
        return action.lookup(PDFName.of("URI"), PDFString).decodeText();
      });
      expect(uris).toContain(doc.qrUrl);
      expect(doc.qrUrl).toBe("https://hoc.example.vn/verify/7K3QD-M9X2A-RT5VC?t=aaa.bbb.ccc");
    }
  });

  it("marks a revoked certificate as revoked", async () => {
    const text = pdfText((await render("vi", "a4", { revokedAt: "2026-04-01T02:00:00.000Z" })).bytes);
    expect(text.replace(/\s+/g, " ")).toContain("ĐÃ THU HỒI NGÀY 01 THÁNG 04 NĂM 2026 · REVOKED ON 1 APRIL 2026");
  });

  it("lays out by measured heights: on A4 and A5, with every block, every word inside the frame, none overlapping, none under 7 pt", async () => {
    const seal = checkSeal(Buffer.from(sealSvg), "seal.svg");
    if (!seal.ok) throw new Error(seal.error);
    // The smallest line on A4 is 7 pt: how tall poppler makes a 7-pt word, to read sizes from heights.
    const a4 = words((await render("vi", "a4")).bytes).words;
    const reference = a4.find((w) => w.text === "Certifies")!;
    const perPoint = (reference.yMax - reference.yMin) / MIN_TEXT_PT;
    const cases = [
      { locale: "vi", over: {}, layout: fullLayout, seal },
      {
        locale: "vi",
        over: { revokedAt: "2026-04-01T02:00:00.000Z", printedName: "Tôn Nữ Thị Hoàng Phương Thảo Nguyên" },
        layout: fullLayout,
        seal,
      },
      { locale: "en", over: { revokedAt: "2026-04-01T02:00:00.000Z" }, layout: fullLayout, seal: null },
      { locale: "vi", over: {}, layout: undefined, seal: null },
    ];
    for (const paper of ["a4", "a5"] as const) {
      for (const c of cases) {
        const { page, words: all } = words((await render(c.locale, paper, c.over, c.layout, c.seal)).bytes);
        const s = page.width / 841.89;
        // Inside the inner frame line (7 pt inside the outer one), with its width.
        const frame = (28 + 7 + 0.8) * s;
        for (const w of all) {
          expect(w.xMin, `${paper} "${w.text}" left`).toBeGreaterThan(frame);
          expect(w.xMax, `${paper} "${w.text}" right`).toBeLessThan(page.width - frame);
          expect(w.yMin, `${paper} "${w.text}" top`).toBeGreaterThan(frame);
          expect(w.yMax, `${paper} "${w.text}" bottom`).toBeLessThan(page.height - frame);
          expect((w.yMax - w.yMin) / perPoint, `${paper} "${w.text}" size`).toBeGreaterThanOrEqual(MIN_TEXT_PT - 0.05);
        }
        for (let i = 0; i < all.length; i++) {
          for (let j = i + 1; j < all.length; j++) {
            const [a, b] = [all[i]!, all[j]!];
            const overlap =
              Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin) > 0.5 && Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin) > 0.5;
            expect(overlap, `${paper} ${c.locale}: "${a.text}" overlaps "${b.text}"`).toBe(false);
          }
        }
        const text = all.map((w) => w.text).join(" ");
        // The notice that it is not the State's confirmation is always there, in both languages.
        expect(text).toContain("Không phải là xác nhận đạt chuẩn phổ cập kỹ năng số");
        expect(text).toContain("It is not the State's official confirmation");
        if (c.layout) {
          expect(text).toContain(c.locale === "vi" ? "Tân Phú, ngày 05 tháng 03 năm 2026" : "Tan Phu, 5 March 2026");
          expect(text).toContain("Trần Văn Bình");
          expect(text).toContain("ỦY BAN NHÂN DÂN XÃ TÂN PHÚ");
        }
      }
    }
  }, 60_000);

  it("refuses a seal that is not a usable PNG or SVG", () => {
    expect(checkSeal(Buffer.from("hello"), "x.txt")).toMatchObject({ ok: false });
    expect(checkSeal(Buffer.alloc(2 * 1024 * 1024), "big.png")).toMatchObject({ ok: false, error: expect.stringContaining("at most") });
    const tiny = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      Buffer.from("IHDR"),
      Buffer.from([0, 0, 0, 8, 0, 0, 0, 8]),
    ]);
    expect(checkSeal(tiny, "tiny.png")).toMatchObject({ ok: false, error: expect.stringContaining("8 × 8") });
    expect(checkSeal(Buffer.from(sealSvg), "seal.svg")).toMatchObject({ ok: true, width: 600, height: 600 });
  });

  it("knows which names it can print", () => {
    expect(isPrintable("Nguyễn Thị Ánh Tuyết")).toBe(true);
    expect(isPrintable("Y Bhiăm Niê Kđăm")).toBe(true);
    expect(isPrintable("王小明")).toBe(false);
  });
});
