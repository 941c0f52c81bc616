/**
 * The presentation view shows a lesson one part at a time, in large print, for a projector or a
 * phone held up to a group. A lesson's HTML is cut at each second-level heading: the text before
 * the first heading (if any) is the first slide.
 */
export interface Slide {
  title: string;
  html: string;
}

const stripTags = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .trim();

export function splitSlides(html: string, lessonTitle: string): Slide[] {
  const starts: number[] = [];
  const pattern = /<h2[\s>]/g;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) starts.push(match.index);
  const slides: Slide[] = [];
  const intro = html.slice(0, starts[0] ?? html.length);
  if (stripTags(intro)) slides.push({ title: lessonTitle, html: intro });
  starts.forEach((start, i) => {
    const part = html.slice(start, starts[i + 1] ?? html.length);
    const heading = /<h2[^>]*>([\s\S]*?)<\/h2>/.exec(part);
    slides.push({ title: heading ? stripTags(heading[1]!) : lessonTitle, html: part });
  });
  return slides;
}

/** A step number from the URL, kept within the slides (1-based; the quiz step is slides + 1). */
export function clampStep(raw: string | null, count: number): number {
  const n = Number.parseInt(raw ?? "1", 10);
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(n, count + 1);
}

/**
 * Fitting parts to a projector (issue 18). At 1920×1080 the presentation's text is 48 px (1rem is
 * 40 px), which leaves room for about `SCREEN_LINES` lines of body text between the step line and
 * the controls. A part is cut between its top-level blocks (paragraphs, lists, boxes) wherever the
 * next block would not fit; a list too long for one screen is cut between its items. The estimate
 * is deliberately cautious, and the browser test measures every part of every lesson.
 */
export const SCREEN_LINES = 11;
/** Characters of body text on one line at 48 px across a 1920 px screen (about 78; kept cautious). */
const LINE_CHARS = 62;

const VOID = new Set(["area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** The top-level elements of a piece of (well-formed, rendered) HTML, each as its own string. */
export function topLevelBlocks(html: string): string[] {
  const blocks: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w-]*)\b[^>]*?(\/?)>/g;
  let depth = 0;
  let start = 0;
  let last = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const [, closing, rawName, selfClosing] = m;
    const name = rawName!.toLowerCase();
    if (depth === 0) {
      const text = html.slice(last, m.index);
      if (text.trim()) blocks.push(text);
      start = m.index;
    }
    if (closing) depth--;
    else if (!selfClosing && !VOID.has(name)) depth++;
    last = tag.lastIndex;
    if (depth <= 0) {
      depth = 0;
      blocks.push(html.slice(start, last));
    }
  }
  const rest = html.slice(last);
  if (rest.trim()) blocks.push(rest);
  return blocks.filter((b) => b.trim());
}

const textLength = (html: string) => stripTags(html.replace(/<svg[\s\S]*?<\/svg>/g, "")).replace(/\s+/g, " ").length;
const lines = (html: string, chars = LINE_CHARS) => Math.max(1, Math.ceil(textLength(html) / chars));

type ListKind = "list" | "steps" | "checklist";

/** A list, or a list in a Steps / Checklist box: its kind, the wrapper's and list's opening tags, its items. */
function asList(block: string): { kind: ListKind; wrapper: string | null; open: string; name: string; items: string[] } | null {
  const wrapped = /^\s*(<div class="(steps|checklist)">)\s*(<(ol|ul)\b[^>]*>)([\s\S]*)<\/\4>\s*<\/div>\s*$/.exec(block);
  if (wrapped) {
    const [, wrapper, kind, open, name, inner] = wrapped;
    return { kind: kind as ListKind, wrapper: wrapper!, open: open!, name: name!, items: liOf(inner!) };
  }
  const plain = /^\s*(<(ol|ul)\b[^>]*>)([\s\S]*)<\/\2>\s*$/.exec(block);
  if (plain) return { kind: "list", wrapper: null, open: plain[1]!, name: plain[2]!, items: liOf(plain[3]!) };
  return null;
}

const liOf = (inner: string) => topLevelBlocks(inner).filter((b) => /^\s*<li\b/i.test(b));

function itemLines(kind: ListKind, li: string): number {
  if (kind === "steps") return Math.max(lines(li, LINE_CHARS - 6), 1.5) + 0.45;
  if (kind === "checklist") return lines(li, LINE_CHARS - 5) + 0.5;
  return lines(li, LINE_CHARS - 4) + 0.25;
}

/** About how many body lines a block takes on the projector. */
export function blockLines(block: string): number {
  const list = asList(block);
  if (list) return list.items.reduce((sum, li) => sum + itemLines(list.kind, li), 0.8);
  const name = /^\s*<([a-zA-Z][\w-]*)/.exec(block)?.[1]?.toLowerCase() ?? "";
  const images = (block.match(/<svg\b/g) ?? []).length + (block.match(/<img\b/g) ?? []).length;
  if (name === "h2") return lines(block, LINE_CHARS / 1.6) * 1.6 * 1.2 + 0.5;
  if (name === "h3" || name === "h4") return lines(block, LINE_CHARS / 1.3) * 1.3 + 0.6;
  if (name === "p") return lines(block) + 0.75;
  if (name === "li") return lines(block, LINE_CHARS - 10) + 0.5;
  // Boxes (a sample message, a call, a phone, a note): their text, their padding, their pictures.
  const chunks = (block.match(/<(p|li|figcaption|dt|dd|h3|h4)\b/g) ?? []).length;
  // A phone is drawn narrower than the screen (30rem): its lines are shorter.
  const phone = /^\s*<[^>]*class="phone\b/.test(block);
  return lines(block, phone ? 36 : LINE_CHARS - 8) + chunks * 0.45 + (phone ? 2.6 : 1.6) + images * 7;
}

/** A list cut into lists that each fit; numbered steps keep their numbers. */
function splitList(block: string, budget: number): string[] {
  const list = asList(block);
  if (!list) return [block];
  const parts: string[] = [];
  let current: string[] = [];
  let used = 0.8;
  let before = 0;
  const flush = () => {
    if (!current.length) return;
    let open = list.open;
    if (before > 0 && list.name === "ol")
      open =
        list.kind === "steps"
          ? open.replace(/>$/, ` style="counter-reset: step ${before}">`)
          : open.replace(/>$/, ` start="${before + 1}">`);
    const html = `${open}${current.join("")}</${list.name}>`;
    parts.push(list.wrapper ? `${list.wrapper}${html}</div>` : html);
    before += current.length;
    current = [];
    used = 0.8;
  };
  for (const li of list.items) {
    const cost = itemLines(list.kind, li);
    if (current.length && used + cost > budget) flush();
    current.push(li);
    used += cost;
  }
  flush();
  return parts;
}

/** The children of an element's opening and closing tags. */
function childrenOf(block: string): { open: string; close: string; children: string[] } | null {
  const open = /^\s*<([a-zA-Z][\w-]*)\b[^>]*>/.exec(block);
  if (!open) return null;
  const close = `</${open[1]}>`;
  const end = block.lastIndexOf(close);
  if (end < 0) return null;
  return { open: open[0].trim(), close, children: topLevelBlocks(block.slice(open[0].length, end)) };
}

/**
 * A box too tall for one screen (a long call, a note of several paragraphs, a phone screen), cut
 * into boxes of the same kind: each keeps the box's heading (the caller, the note's label, the
 * phone's bar); a phone's note stays with its last screen.
 */
function splitBox(block: string, budget: number): string[] {
  const box = childrenOf(block);
  if (!box || box.children.length < 2) return [block];
  const [head, ...rest] = box.children;
  let items: string[];
  let wrap: (chunk: string[], last: boolean) => string;
  const inner = rest.length === 1 || /class="phone-screen"/.test(rest[0]!) ? childrenOf(rest[0]!) : null;
  if (inner && inner.children.length > 1) {
    const tail = rest.slice(1).join("");
    items = inner.children;
    wrap = (chunk, last) => `${box.open}${head}${inner.open}${chunk.join("")}${inner.close}${last ? tail : ""}${box.close}`;
  } else {
    items = rest;
    wrap = (chunk) => `${box.open}${head}${chunk.join("")}${box.close}`;
  }
  const chunks: string[][] = [];
  let current: string[] = [];
  let used = blockLines(`${box.open}${head}${box.close}`);
  const start = used;
  for (const item of items) {
    const cost = blockLines(item) + 0.3;
    if (current.length && used + cost > budget) {
      chunks.push(current);
      current = [];
      used = start;
    }
    current.push(item);
    used += cost;
  }
  if (current.length) chunks.push(current);
  return chunks.length > 1 ? chunks.map((chunk, i) => wrap(chunk, i === chunks.length - 1)) : [block];
}

/** Cuts each part that would not fit the screen into several, between blocks (see SCREEN_LINES). */
export function fitSlides(slides: Slide[], budget = SCREEN_LINES): Slide[] {
  return slides.flatMap((slide) => {
    const blocks = topLevelBlocks(slide.html).flatMap((b) =>
      blockLines(b) <= budget - 3 ? [b] : asList(b) ? splitList(b, budget - 3) : splitBox(b, budget - 3),
    );
    const heading = blocks[0] && /^\s*<h2\b/i.test(blocks[0]) ? blocks[0] : null;
    const pages: string[][] = [];
    let page: string[] = [];
    let used = 0;
    for (const block of blocks) {
      const cost = blockLines(block);
      if (page.length && used + cost > budget) {
        pages.push(page);
        page = [];
        used = heading ? blockLines(heading) : 0;
      }
      page.push(block);
      used += cost;
    }
    if (page.length) pages.push(page);
    if (pages.length <= 1) return [slide];
    return pages.map((blocksOfPage, i) => {
      // A continued part repeats its heading, numbered, so the room knows where it is.
      const repeat = i > 0 && heading ? heading.replace(/<\/h2>\s*$/, ` (${i + 1}/${pages.length})</h2>`) : "";
      return { title: slide.title, html: repeat + blocksOfPage.join("") };
    });
  });
}
