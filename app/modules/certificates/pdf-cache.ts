/**
 * A certificate's PDF bytes, kept in this process once made (making one takes ~100 ms of CPU: fonts,
 * QR code, layout). Keyed by code, paper size, locale, the address printed in it and the
 * revocation time, so a certificate revoked on another app server is made anew here too (the row
 * is read on every request); revoking on this server also drops its entries at once. At most
 * MAX_BYTES in all, least recently used dropped first.
 */
const MAX_BYTES = 16 * 1024 * 1024;

export interface PdfKey {
  code: string;
  paper: string;
  locale: string;
  origin: string;
  revokedAt: string | null;
}

export class PdfCache {
  private readonly entries = new Map<string, Uint8Array>();
  private bytes = 0;

  constructor(private readonly maxBytes = MAX_BYTES) {}

  private static keyOf(k: PdfKey): string {
    return JSON.stringify([k.code, k.paper, k.locale, k.origin, k.revokedAt]);
  }

  get(key: PdfKey): Uint8Array | undefined {
    const id = PdfCache.keyOf(key);
    const found = this.entries.get(id);
    if (found) {
      this.entries.delete(id);
      this.entries.set(id, found);
    }
    return found;
  }

  set(key: PdfKey, pdf: Uint8Array): void {
    const id = PdfCache.keyOf(key);
    this.remove(id);
    if (pdf.byteLength > this.maxBytes) return;
    this.entries.set(id, pdf);
    this.bytes += pdf.byteLength;
    while (this.bytes > this.maxBytes) this.remove(this.entries.keys().next().value!);
  }

  /** Drops every size and locale of one certificate (it was revoked). */
  forget(code: string): void {
    for (const id of [...this.entries.keys()]) if ((JSON.parse(id) as string[])[0] === code) this.remove(id);
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(id: string): void {
    const found = this.entries.get(id);
    if (!found) return;
    this.bytes -= found.byteLength;
    this.entries.delete(id);
  }
}

export const certificatePdfCache = new PdfCache();
