/**
 * A short label for the browser a session was started in ("Android · Chrome"), so that a learner
 * can tell their sessions apart on their data page. Only the system and browser family are kept,
 * never the full User-Agent (which can single out a device). Pure.
 */
export function deviceLabel(userAgent: string | null | undefined): string | null {
  const ua = userAgent ?? "";
  if (!ua) return null;
  const system = /Android/i.test(ua)
    ? "Android"
    : /iPhone|iPad|iPod/i.test(ua)
      ? "iOS"
      : /Windows/i.test(ua)
        ? "Windows"
        : /Mac OS X|Macintosh/i.test(ua)
          ? "macOS"
          : /CrOS/i.test(ua)
            ? "ChromeOS"
            : /Linux/i.test(ua)
              ? "Linux"
              : null;
  const browser = /Zalo/i.test(ua)
    ? "Zalo"
    : /CocCoc|coc_coc/i.test(ua)
      ? "Cốc Cốc"
      : /SamsungBrowser/i.test(ua)
        ? "Samsung Internet"
        : /Edg\//i.test(ua)
          ? "Edge"
          : /Firefox|FxiOS/i.test(ua)
            ? "Firefox"
            : /Chrome|CriOS|Chromium/i.test(ua)
              ? "Chrome"
              : /Safari/i.test(ua)
                ? "Safari"
                : null;
  const label = [system, browser].filter(Boolean).join(" · ");
  return label || null;
}
