/**
 * Vietnamese names typed without diacritics: "tan phu" finds "Tân Phú", "dong" finds "Đông".
 * Decomposes (NFD), drops the combining marks, maps đ/Đ (a letter of its own, not a mark) to d,
 * lower-cases and collapses spaces.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether a name matches what was typed: every word typed appears in the name, in any order, diacritics ignored. */
export function nameMatches(name: string, query: string): boolean {
  const words = foldVietnamese(query).split(" ").filter(Boolean);
  if (words.length === 0) return true;
  const folded = foldVietnamese(name);
  return words.every((word) => folded.includes(word));
}
