import fs from "node:fs";
import { Resvg } from "@resvg/resvg-js";

/**
 * The optional seal or logo printed by the signer (CERT_SEAL_IMAGE): a PNG or an SVG file,
 * checked before use: at most 1 MB, PNG at most 4000 × 4000 pixels and at least 64 × 64; an SVG is
 * drawn once to a 600-pixel-wide PNG (without system fonts, so it prints the same everywhere).
 */

export const SEAL_MAX_BYTES = 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type SealResult = { ok: true; png: Uint8Array; width: number; height: number } | { ok: false; error: string };

export function checkSeal(bytes: Buffer, name: string): SealResult {
  if (bytes.length > SEAL_MAX_BYTES) return { ok: false, error: `${name} is ${bytes.length} bytes; at most ${SEAL_MAX_BYTES}` };
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    if (bytes.length < 24 || bytes.subarray(12, 16).toString("latin1") !== "IHDR")
      return { ok: false, error: `${name} is not a readable PNG` };
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    if (width < 64 || height < 64 || width > 4000 || height > 4000) {
      return { ok: false, error: `${name} is ${width} × ${height} pixels; it must be between 64 and 4000 pixels each way` };
    }
    return { ok: true, png: new Uint8Array(bytes), width, height };
  }
  const text = bytes.toString("utf8");
  if (/<svg[\s>]/i.test(text)) {
    try {
      const rendered = new Resvg(text, { fitTo: { mode: "width", value: 600 }, font: { loadSystemFonts: false } }).render();
      if (rendered.width < 1 || rendered.height < 1 || rendered.height > 4000) return { ok: false, error: `${name} has no usable size` };
      return { ok: true, png: new Uint8Array(rendered.asPng()), width: rendered.width, height: rendered.height };
    } catch (error) {
      return { ok: false, error: `${name} is not a readable SVG: ${(error as Error).message}` };
    }
  }
  return { ok: false, error: `${name} is neither a PNG nor an SVG image` };
}

let cached: { file: string; result: SealResult } | undefined;

/** The configured seal, checked once; an unusable file is reported (once) and left off. */
export function loadSeal(file: string | undefined): (SealResult & { ok: true }) | null {
  if (!file) return null;
  if (cached?.file !== file) {
    let result: SealResult;
    try {
      result = checkSeal(fs.readFileSync(file), file);
    } catch (error) {
      result = { ok: false, error: `${file}: ${(error as Error).message}` };
    }
    if (!result.ok) console.error(`CERT_SEAL_IMAGE not used: ${result.error}`);
    cached = { file, result };
  }
  return cached.result.ok ? cached.result : null;
}
