import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HtmlOnce, HtmlOnceProvider, htmlOnce, type HtmlOnceContext } from "./html-once";

const lesson = "<h2>Tin nhắn lừa đảo</h2><p>Đừng bấm.</p>";

describe("htmlOnce (in a loader)", () => {
  it("returns the HTML for a client navigation's data, and where the kind of request is not known", () => {
    expect(htmlOnce({ document: false }, "lesson-body", lesson)).toBe(lesson);
    expect(htmlOnce({}, "lesson-body", lesson)).toBe(lesson);
    expect(htmlOnce(undefined, "lesson-body", lesson)).toBe(lesson);
  });

  it("keeps it out of a document's data and hands it to the render through the load context", () => {
    const context: HtmlOnceContext = { document: true };
    expect(htmlOnce(context, "lesson-body", lesson)).toBeUndefined();
    expect(context.htmlOnce?.get("lesson-body")).toBe(lesson);
  });
});

describe("<HtmlOnce>", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("renders the data's HTML when it is there", () => {
    expect(renderToString(createElement(HtmlOnce, { id: "lesson-body", className: "lesson-body", html: lesson }))).toBe(
      `<div id="lesson-body" class="lesson-body">${lesson}</div>`,
    );
  });

  it("on the server, renders what the document's loader kept out of its data", () => {
    const kept = new Map([["lesson-body", lesson]]);
    const page = createElement(HtmlOnceProvider, { value: kept }, createElement(HtmlOnce, { id: "lesson-body", html: undefined }));
    expect(renderToString(page)).toBe(`<div id="lesson-body">${lesson}</div>`);
  });

  it("in the browser, hydrating a document, takes what the server rendered, once", () => {
    const element = { innerHTML: lesson };
    const getElementById = vi.fn((id: string) => (id === "lesson-body" ? element : null));
    vi.stubGlobal("document", { getElementById });
    const render = () => renderToString(createElement(HtmlOnce, { id: "lesson-body", html: undefined }));
    expect(render()).toBe(`<div id="lesson-body">${lesson}</div>`);
    // A script changed the element since (read aloud marks a passage): React is given the same HTML again.
    element.innerHTML = `<mark>${lesson}</mark>`;
    expect(render()).toBe(`<div id="lesson-body">${lesson}</div>`);
    expect(getElementById).toHaveBeenCalledTimes(1);
    // The data's HTML, once a client navigation brings it, wins.
    expect(renderToString(createElement(HtmlOnce, { id: "lesson-body", html: "<p>Bài sau</p>" }))).toBe(
      `<div id="lesson-body"><p>Bài sau</p></div>`,
    );
  });
});
