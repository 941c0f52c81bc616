import QRCode from "qrcode";

/**
 * A QR code as one SVG path over a size × size grid, quiet zone included: drawn by the page
 * itself (no image file, no JavaScript). Row r, column c is drawn at x = c, y = r.
 */
export function qrSvg(text: string, { quiet = 2 }: { quiet?: number } = {}): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  let path = "";
  for (let row = 0; row < modules.size; row++) {
    let run = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col);
      if (dark && run < 0) run = col;
      if (!dark && run >= 0) {
        path += `M${run + quiet} ${row + quiet}h${col - run}v1h-${col - run}z`;
        run = -1;
      }
    }
  }
  return { size: modules.size + quiet * 2, path };
}
