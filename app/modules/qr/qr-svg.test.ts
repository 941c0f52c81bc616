import jsQR from "jsqr";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { vietQRPayload } from "~/modules/payments/vietqr.server";
import { qrSvg } from "./qr-svg";

/** Paints the SVG path ("M x y h w v 1 h -w z" runs) onto pixels, as a phone camera would see it. */
function rasterise({ size, path }: { size: number; path: string }, scale = 4) {
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let py = y * scale; py < (y + 1) * scale; py++) {
      for (let px = x * scale; px < (x + w) * scale; px++) {
        const i = (py * width + px) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
    }
  }
  return { pixels, width };
}

describe("qrSvg", () => {
  it("draws a code a scanner reads back, the right way round", () => {
    const payload = vietQRPayload({ account: "0123456789", amount: 150000, note: "Tien dien" });
    const { pixels, width } = rasterise(qrSvg(payload));
    const read = jsQR(pixels, width, width, { inversionAttempts: "dontInvert" });
    expect(read?.data).toBe(payload);
    // Scanners also read a mirrored code, so check the drawing module by module: row r, column c
    // of the symbol must be painted at x = c, y = r (inside the quiet zone).
    const { modules } = QRCode.create(payload, { errorCorrectionLevel: "M" });
    const drawn = qrSvg(payload);
    const quiet = (drawn.size - modules.size) / 2;
    const dark = (x: number, y: number) => pixels[((y + quiet) * 4 * width + (x + quiet) * 4) * 4] === 0;
    let mismatches = 0;
    for (let r = 0; r < modules.size; r++)
      for (let c = 0; c < modules.size; c++) if (dark(c, r) !== Boolean(modules.get(r, c))) mismatches++;
    expect(mismatches).toBe(0);
  });
});
