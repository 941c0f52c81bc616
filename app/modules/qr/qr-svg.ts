import QRCode from "qrcode";

/** A horizontal run of dark modules: row, first column, length (quiet zone included). */
export interface QrRun {
  row: number;
  col: number;
  length: number;
}

/**
 * A QR code as horizontal runs of dark modules over a size × size grid, quiet zone included:
 * what both the inline SVG and the PDF draw. Row r, column c of the symbol is at x = c, y = r.
 */
export function qrRuns(text: string, { quiet = 2 }: { quiet?: number } = {}): { size: number; runs: QrRun[] } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const runs: QrRun[] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row: row + quiet, col: start + quiet, length: col - start });
        start = -1;
      }
    }
  }
  return { size: modules.size + quiet * 2, runs };
}

/** The same code as one SVG path: drawn by the page itself (no image file, no JavaScript). */
export function qrSvg(text: string, options: { quiet?: number } = {}): { size: number; path: string } {
  const { size, runs } = qrRuns(text, options);
  return { size, path: runs.map((r) => `M${r.col} ${r.row}h${r.length}v1h-${r.length}z`).join("") };
}
