/**
 * CSV that Excel opens with Vietnamese names intact: UTF-8 with a byte-order mark, CRLF line
 * ends, every field that needs it quoted. A cell that starts like a formula (=, +, -, @) gets a
 * leading apostrophe so a name such as "=HYPERLINK(…)" is shown as text, never run.
 */
export const BOM = "\uFEFF";

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return BOM + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** "2026-03-01T01:05:00.000Z" → "2026-03-01 08:05" (Vietnam time), a form Excel reads as a date. */
export function csvDateTime(iso: string | null): string {
  if (!iso) return "";
  return new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** A file name without diacritics or odd characters: "Lớp Thôn 3" → "lop-thon-3". */
export function fileSlug(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "lop"
  );
}
