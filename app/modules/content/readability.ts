/** Plain-language figures for a lesson body (MDX source), used by the content check. */

export const MAX_AVERAGE_SENTENCE_WORDS = 20;
export const MAX_LESSON_WORDS = 700;

export interface TextStats {
  words: number;
  sentences: number;
  averageSentence: number;
  longestSentence: number;
}

/** The readable text of an MDX body: no tags, attributes, Markdown markers or code. */
export function readableText(mdx: string): string {
  return mdx
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/<([A-Z][A-Za-z]*)\b[^>]*?\/>/g, " ")
    .replace(/<\/?[A-Za-z][^>]*>/g, "\n")
    .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/[*_`>|]/g, " ");
}

/**
 * Sentences end at . ! ? … or at the end of a line (a heading, a list item, a step).
 * Words are runs of letters or digits separated by spaces: Vietnamese counts syllables, as
 * readability measures for Vietnamese do.
 */
export function textStats(mdx: string): TextStats {
  const sentences = readableText(mdx)
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length)
    .filter((n) => n > 0);
  const words = sentences.reduce((a, b) => a + b, 0);
  return {
    words,
    sentences: sentences.length,
    averageSentence: sentences.length ? Math.round((10 * words) / sentences.length) / 10 : 0,
    longestSentence: sentences.length ? Math.max(...sentences) : 0,
  };
}

export function readabilityProblems(stats: TextStats): string[] {
  const problems: string[] = [];
  if (stats.averageSentence > MAX_AVERAGE_SENTENCE_WORDS)
    problems.push(`sentences average ${stats.averageSentence} words (at most ${MAX_AVERAGE_SENTENCE_WORDS}): split them`);
  if (stats.words > MAX_LESSON_WORDS) problems.push(`${stats.words} words (at most ${MAX_LESSON_WORDS}): shorten the lesson or split it`);
  return problems;
}
