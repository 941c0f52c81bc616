/**
 * The course glossary, built from the `<Term word="…">definition</Term>` uses in the lessons
 * (pure: no I/O). One definition per word and locale; a term may name other spellings with
 * `aliases="a, b"`. Two rules are checked, in course order (module order, then lesson order):
 * the same word is always defined with the same words, and no lesson uses a term before the
 * lesson that first explains it.
 */
import type { ContentProblem } from "./load.server";
import { readableText } from "./readability";

/** One `<Term>` in a lesson body. */
export interface TermUse {
  word: string;
  aliases: string[];
  definition: string;
}

/** What the glossary needs of a lesson: where it is, the terms it defines and the text it shows. */
export interface GlossaryLesson {
  moduleId: string;
  id: string;
  title: string;
  file: string;
  terms: TermUse[];
  /** Everything the learner reads on the lesson page (body, title, quiz), as plain text. */
  text: string;
}

export interface GlossaryEntry {
  word: string;
  /** The id of the term's entry on the glossary page (ASCII). */
  anchor: string;
  aliases: string[];
  definition: string;
  /** The lesson that first defines the term, in course order. */
  lesson: { moduleId: string; id: string; title: string };
}

const TERM_PATTERN = /<Term\b([^>]*)>([\s\S]*?)<\/Term>/g;
const attribute = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];

const clean = (text: string) =>
  text
    .normalize("NFC")
    .replace(/[*_`]/g, "")
    .replace(/\s+/g, " ")
    .trim();

/** The terms a lesson body defines, in the order they appear. */
export function extractTerms(mdx: string): TermUse[] {
  const terms: TermUse[] = [];
  for (const match of mdx.matchAll(TERM_PATTERN)) {
    const word = attribute(match[1]!, "word");
    if (!word) continue;
    const aliases = (attribute(match[1]!, "aliases") ?? "")
      .split(",")
      .map(clean)
      .filter(Boolean);
    terms.push({ word: clean(word), aliases, definition: clean(match[2]!) });
  }
  return terms;
}

/** Attribute values that are shown on the page (a mock screen's title, a message's sender…). */
const SHOWN_ATTRIBUTES = /\b(?:title|app|from|caller|bank|name|note)="([^"]*)"/g;

/** The text a learner reads in an MDX body, including shown attribute values. */
export function shownText(mdx: string): string {
  const attributes = [...mdx.matchAll(SHOWN_ATTRIBUTES)].map((m) => m[1]);
  return [readableText(mdx), ...attributes].join("\n").normalize("NFC");
}

/** The key two spellings of one term share: "Mã OTP" and "mã  OTP" are the same word. */
export const termKey = (word: string) => clean(word).toLocaleLowerCase("vi");

/** An ASCII anchor for a term: "mã OTP" → "term-ma-otp". */
export function termAnchor(word: string): string {
  const ascii = clean(word)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `term-${ascii || "x"}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Whether `text` uses `word` as a whole word. Case does not matter, except for words written in
 * capitals (AI, OTP, SMS): those must match exactly, or the Vietnamese "ai" (who) would count as AI.
 */
export function usesWord(text: string, word: string): boolean {
  const w = clean(word);
  if (!w) return false;
  const acronym = /\p{Lu}/u.test(w) && !/\p{Ll}/u.test(w);
  const pattern = w.split(" ").map(escape).join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])${pattern}(?![\\p{L}\\p{N}\\p{M}])`, acronym ? "u" : "iu").test(text.normalize("NFC"));
}

const sameDefinition = (a: string, b: string) => termKey(a).replace(/[.;]$/, "") === termKey(b).replace(/[.;]$/, "");

/**
 * The glossary of one locale from its lessons in course order, with the problems found: a word
 * defined in two ways, two terms claiming one alias or one anchor, and a term used in a lesson
 * before the lesson that first defines it.
 */
export function buildGlossary(lessons: GlossaryLesson[]): { entries: GlossaryEntry[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const byKey = new Map<string, GlossaryEntry & { index: number; file: string }>();

  lessons.forEach((lesson, index) => {
    for (const term of lesson.terms) {
      const key = termKey(term.word);
      const entry = byKey.get(key);
      if (!entry) {
        byKey.set(key, {
          word: term.word,
          anchor: termAnchor(term.word),
          aliases: [...term.aliases],
          definition: term.definition,
          lesson: { moduleId: lesson.moduleId, id: lesson.id, title: lesson.title },
          index,
          file: lesson.file,
        });
      } else {
        if (!sameDefinition(entry.definition, term.definition))
          problems.push({
            file: lesson.file,
            message: `term "${term.word}" is defined as "${term.definition}" but as "${entry.definition}" in ${entry.file}: use one wording everywhere`,
          });
        for (const alias of term.aliases) if (!entry.aliases.some((a) => termKey(a) === termKey(alias))) entry.aliases.push(alias);
      }
    }
  });

  const entries = [...byKey.values()];
  const anchors = new Map<string, string>();
  const owners = new Map(entries.map((e) => [termKey(e.word), e.word]));
  for (const entry of entries) {
    const other = anchors.get(entry.anchor);
    if (other) problems.push({ file: entry.file, message: `terms "${other}" and "${entry.word}" get the same glossary anchor "${entry.anchor}": reword one` });
    anchors.set(entry.anchor, entry.word);
    for (const alias of entry.aliases) {
      const owner = owners.get(termKey(alias));
      if (owner && owner !== entry.word)
        problems.push({ file: entry.file, message: `alias "${alias}" of term "${entry.word}" is also the term or an alias of "${owner}"` });
      owners.set(termKey(alias), entry.word);
    }
  }

  // A term used before the lesson that explains it: the learner meets the word unexplained.
  for (const entry of entries) {
    const words = [entry.word, ...entry.aliases];
    for (const lesson of lessons.slice(0, entry.index)) {
      const used = words.find((w) => usesWord(lesson.text, w));
      if (used)
        problems.push({
          file: lesson.file,
          message: `uses "${used}" before it is explained: the first <Term word="${entry.word}"> is in ${entry.file}, a later lesson (${lesson.moduleId}/${lesson.id} comes before ${entry.lesson.moduleId}/${entry.lesson.id}); explain it here at first use, or reword`,
        });
    }
  }

  return { entries: entries.map(({ index: _i, file: _f, ...e }) => e), problems };
}

/** Entries in the alphabetical order of the page's language (Vietnamese: a ă â b c d đ e ê …). */
export function sortGlossary(entries: GlossaryEntry[], locale: string): GlossaryEntry[] {
  let collator: Intl.Collator;
  try {
    collator = new Intl.Collator(locale, { sensitivity: "base" });
  } catch {
    collator = new Intl.Collator("vi", { sensitivity: "base" });
  }
  return [...entries].sort((a, b) => collator.compare(a.word, b.word) || a.word.localeCompare(b.word));
}
