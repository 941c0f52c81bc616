import { PassThrough, type Writable } from "node:stream";
import fc from "fast-check";
import { createElement, type ReactElement } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { REACT_VIEW_SIZE, reactHtmlStream, trimReactViewPadding } from "./react-stream.server";

/** Renders with React's Node streaming renderer into `destination` and returns every byte that came out. */
function renderBytes(element: ReactElement, destination: Writable & NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    destination.on("data", (chunk: Buffer) => chunks.push(chunk));
    destination.on("end", () => resolve(Buffer.concat(chunks)));
    destination.on("error", reject);
    const { pipe } = renderToPipeableStream(element, {
      onAllReady: () => pipe(destination),
      onError: reject,
    });
  });
}

const page = (paragraphs: string[]) =>
  createElement(
    "main",
    null,
    paragraphs.map((text, i) => createElement("p", { key: i, title: text }, text)),
  );

// Characters of every UTF-8 length: 1 (a), 2 (ă), 3 (ệ, ữ) and 4 bytes (an emoji, a surrogate pair in JavaScript).
const vietnamese = "Luyện tập phong trào Bình dân học vụ số: chữ ệ, ữ, ằ và 😀";

describe("trimReactViewPadding", () => {
  const view = (fill: number, zeros: number, size = REACT_VIEW_SIZE) => {
    const bytes = new Uint8Array(size).fill(fill);
    bytes.fill(0, size - zeros);
    return bytes;
  };

  it("drops the 1–3 zero bytes React leaves at the end of a full view", () => {
    for (const zeros of [1, 2, 3]) expect(trimReactViewPadding(view(0x61, zeros)).byteLength).toBe(REACT_VIEW_SIZE - zeros);
  });

  it("never drops more than 3 bytes: no character is that much shorter than a view's rest", () => {
    expect(trimReactViewPadding(view(0x61, 4)).byteLength).toBe(REACT_VIEW_SIZE - 3);
  });

  it("leaves every other chunk as it is, byte for byte", () => {
    for (const chunk of [view(0x61, 0), view(0x61, 1, REACT_VIEW_SIZE - 1), view(0x61, 1, REACT_VIEW_SIZE + 1), new Uint8Array(0)]) {
      expect(trimReactViewPadding(chunk)).toBe(chunk);
    }
    // A full view whose last character is a complete "ệ" (E1 BB 87) ends in no zero.
    const full = view(0x61, 0);
    full.set([0xe1, 0xbb, 0x87], REACT_VIEW_SIZE - 3);
    expect(trimReactViewPadding(full)).toBe(full);
  });
});

describe("reactHtmlStream", () => {
  it("React 18 alone puts NUL bytes in Vietnamese HTML (the defect this stream exists for)", async () => {
    const html = await renderBytes(page(Array.from({ length: 200 }, () => vietnamese)), new PassThrough());
    expect(html.includes(0)).toBe(true);
  });

  it("gives exactly renderToString's bytes, with a multi-byte character at every offset of a view", async () => {
    // A prefix of 0…2,047 ASCII letters moves the Vietnamese text across every position of the
    // 2,048-byte views, so each kind of character meets the end of a view in every way it can.
    const element = page(Array.from({ length: REACT_VIEW_SIZE }, (_, i) => "x".repeat(i % 7) + vietnamese));
    const html = await renderBytes(element, reactHtmlStream());
    expect(html.includes(0)).toBe(false);
    expect(html.equals(Buffer.from(renderToString(element)))).toBe(true);
  });

  it("for any text, streams the bytes renderToString gives (property)", async () => {
    const char = fc.constantFrom("a", " ", "ă", "đ", "ệ", "ữ", "ằ", "ỷ", "&", "<", "😀", "𝔸");
    const paragraph = fc.array(char, { minLength: 1, maxLength: 400, size: "max" }).map((chars) => chars.join(""));
    await fc.assert(
      fc.asyncProperty(fc.array(paragraph, { minLength: 1, maxLength: 60, size: "max" }), async (paragraphs) => {
        const element = page(paragraphs);
        const html = await renderBytes(element, reactHtmlStream());
        expect(html.includes(0)).toBe(false);
        expect(html.toString("utf8")).toBe(renderToString(element));
      }),
      { numRuns: 100 },
    );
  });
});
