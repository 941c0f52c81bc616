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
