/**
 * What a units or targets file is written in. Excel's "Unicode text" is UTF-16; older Vietnamese
 * tools save Windows-1258 (or TCVN3/VNI), which are 8-bit and never valid UTF-8 once a Vietnamese
 * letter appears. Only UTF-8 (with or without a byte-order mark) is read; anything else is named so
 * the person can re-save it, instead of importing garbled names.
 */
export type DecodedFile = { ok: true; text: string } | { ok: false; encoding: "utf-16le" | "utf-16be" | "utf-16" | "8-bit"; line?: number };

export function decodeUtf8File(bytes: Uint8Array): DecodedFile {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: false, encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: false, encoding: "utf-16be" };
  // UTF-16 without a byte-order mark: ASCII text then has a NUL in every other byte.
  const sample = bytes.subarray(0, 4096);
  let nuls = 0;
  for (const byte of sample) if (byte === 0) nuls++;
  if (sample.length >= 4 && nuls >= sample.length / 4) return { ok: false, encoding: "utf-16" };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
    return { ok: true, text };
  } catch {
    return { ok: false, encoding: "8-bit", line: firstInvalidLine(bytes.subarray(start)) };
  }
}

/** The line (from 1) holding the first byte sequence that is not UTF-8. */
function firstInvalidLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(lineStart, i));
      } catch {
        return line;
      }
      line++;
      lineStart = i + 1;
    }
  }
  return line;
}
