import { describe, expect, it } from "vitest";
import { alternates, ogLocale, sharedPageMeta, type SiteInfo } from "./meta";
import { sitemapXml } from "./sitemap";

const site: SiteInfo = { origin: "https://hoc.example.vn", locales: ["vi", "en", "ede"], siteName: "Bình dân học vụ số" };
const find = (tags: ReturnType<typeof sharedPageMeta>, key: string, value: string) =>
  tags.filter((t) => (t as Record<string, string>)[key] === value);

describe("public page meta", () => {
  it("gives the canonical address, every language's page and x-default, without query or trailing slash", () => {
    expect(alternates("/en/modules/scam-avoidance/", site.locales)).toEqual([
      { hrefLang: "vi", path: "/vi/modules/scam-avoidance" },
      { hrefLang: "en", path: "/en/modules/scam-avoidance" },
      { hrefLang: "ede", path: "/ede/modules/scam-avoidance" },
      { hrefLang: "x-default", path: "/vi/modules/scam-avoidance" },
    ]);
  });

  it("previews with absolute addresses from the site's origin", () => {
    const tags = sharedPageMeta(site, "en", "/en/modules/x/y", {
      title: "Fake police calls",
      description: "Spot them.",
      image: { path: "/en/cards/x.png?v=1", alt: "Scams" },
      type: "article",
    });
    expect(find(tags, "rel", "canonical")).toEqual([{ tagName: "link", rel: "canonical", href: "https://hoc.example.vn/en/modules/x/y" }]);
    expect(find(tags, "property", "og:url")[0]).toMatchObject({ content: "https://hoc.example.vn/en/modules/x/y" });
    expect(find(tags, "property", "og:image")[0]).toMatchObject({ content: "https://hoc.example.vn/en/cards/x.png?v=1" });
    expect(find(tags, "property", "og:locale")[0]).toMatchObject({ content: "en_US" });
    expect(find(tags, "property", "og:locale:alternate").map((t) => (t as { content: string }).content)).toEqual(["vi_VN", "ede_VN"]);
    expect(find(tags, "name", "twitter:card")[0]).toMatchObject({ content: "summary_large_image" });
  });

  it("a page that is not to be indexed gets a preview but no canonical link or alternates", () => {
    const tags = sharedPageMeta(site, "vi", "/vi/verify/ABC", { title: "Chứng nhận hợp lệ — X", indexable: false });
    expect(find(tags, "rel", "canonical")).toEqual([]);
    expect(find(tags, "rel", "alternate")).toEqual([]);
    expect(find(tags, "name", "robots")[0]).toMatchObject({ content: "noindex" });
    expect(find(tags, "property", "og:title")[0]).toMatchObject({ content: "Chứng nhận hợp lệ — X" });
  });

  it("Open Graph locales are language_TERRITORY", () => {
    expect([ogLocale("vi"), ogLocale("en"), ogLocale("ede")]).toEqual(["vi_VN", "en_US", "ede_VN"]);
  });
});

describe("sitemap", () => {
  it("lists every path in every locale, each with the same alternates as its page, escaped", () => {
    const xml = sitemapXml({ origin: "https://hoc.example.vn", locales: ["vi", "en"], paths: ["", "/modules/a&b"] });
    expect(xml.match(/<url>/g)).toHaveLength(4);
    expect(xml).toContain("<loc>https://hoc.example.vn/en</loc>");
    expect(xml).toContain('<xhtml:link rel="alternate" hreflang="x-default" href="https://hoc.example.vn/vi/modules/a&amp;b"/>');
    expect(xml).not.toMatch(/&(?!amp;)/);
  });
});
