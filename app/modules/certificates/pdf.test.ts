import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument, PDFName, PDFDict, PDFArray, PDFString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { serverI18n } from "~/i18n/strings.server";
import { certificateDocument, type CertificateFacts } from "./document";
import { isPrintable, renderCertificatePdf, type Paper } from "./pdf.server";

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
  issuer: { vi: "Ủy ban nhân dân xã Tân Phú", en: "Tan Phu Commune People's Committee" },
  revokedAt: null,
};

async function render(locale: string, paper: Paper, over: Partial<CertificateFacts> = {}) {
  const doc = certificateDocument({ ...facts, ...over }, { locale, origin: "https://hoc.example.vn", token: "aaa.bbb.ccc", t });
  return { doc, bytes: await renderCertificatePdf(doc, { paper, issuedAt: "2026-03-05T03:00:00.000Z", siteName: "Bình dân học vụ số" }) };
}

describe("certificate PDF", () => {
  it("prints the learner's name with every diacritic, in the learner's language with the other beneath", async () => {
    const { bytes } = await render("vi", "a4");
    const text = pdfText(bytes);
    expect(text).toContain(name);
    expect(text).toContain("Nhận diện và phòng tránh lừa đảo trực tuyến");
    expect(text).toContain("Recognising and avoiding online scams");
    expect(text).toContain("Ủy ban nhân dân xã Tân Phú");
    expect(text).toContain("CHỨNG NHẬN HOÀN THÀNH HỌC PHẦN");
    expect(text).toContain("CERTIFICATE OF COMPLETION");
    // The date in Vietnam's time zone: 20:00 UTC on 1 March is 2 March there.
    expect(text).toContain("Ngày hoàn thành: 2 tháng 3, 2026");
    expect(text).toContain("Completed on: 2 March 2026");
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
    expect(text).toContain("ĐÃ THU HỒI NGÀY 1 tháng 4, 2026 · REVOKED ON 1 April 2026");
  });

  it("knows which names it can print", () => {
    expect(isPrintable("Nguyễn Thị Ánh Tuyết")).toBe(true);
    expect(isPrintable("Y Bhiăm Niê Kđăm")).toBe(true);
    expect(isPrintable("王小明")).toBe(false);
  });
});
