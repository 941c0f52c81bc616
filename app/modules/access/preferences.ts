/**
 * Display preferences: text size and contrast. Pure rules shared by the server and the browser
 * (no zod here: it would cost the page ~13 KB of JavaScript; the server validates with zod in
 * preferences.server.ts).
 *
 * Where they live: on the device (localStorage, applied by a tiny script in <head> before the
 * first paint, so anonymous pages stay cacheable by the server's page cache), in the database for
 * a learner with a session (so they follow an account to other devices), and in a cookie only for
 * a visitor without JavaScript who has no session (the one case the device cannot keep them).
 */
export const TEXT_SIZES = [100, 125, 150, 200] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const CONTRASTS = ["standard", "high"] as const;
export type Contrast = (typeof CONTRASTS)[number];

export interface DisplayPreferences {
  textSize: TextSize;
  contrast: Contrast;
}

export const DEFAULT_DISPLAY: DisplayPreferences = { textSize: 100, contrast: "standard" };

/** localStorage key on the device; also the cookie's name (without JavaScript). */
export const DISPLAY_STORAGE_KEY = "bdhvs-display";

export function isTextSize(value: unknown): value is TextSize {
  return TEXT_SIZES.includes(Number(value) as TextSize) && String(Number(value)) === String(value);
}
export function isContrast(value: unknown): value is Contrast {
  return CONTRASTS.includes(value as Contrast);
}

/** "150.high": the form of the cookie and of the device's copy. */
export function encodeDisplay(prefs: DisplayPreferences): string {
  return `${prefs.textSize}.${prefs.contrast}`;
}

export function decodeDisplay(value: string | null | undefined): DisplayPreferences | null {
  if (!value) return null;
  const [size, contrast, ...rest] = value.split(".");
  if (rest.length || !isTextSize(size) || !isContrast(contrast)) return null;
  return { textSize: Number(size) as TextSize, contrast };
}

/**
 * Runs in <head> before anything is painted. When the server sent a learner's saved preferences
 * (`data-display="150.high"` on <html>), the device adopts them; otherwise the device's own are
 * applied. Kept in step with decodeDisplay by preferences.test.ts.
 */
export const DISPLAY_HEAD_SCRIPT = `(function(){var d=document.documentElement,k="${DISPLAY_STORAGE_KEY}",s=d.getAttribute("data-display"),v=s;try{if(s)localStorage.setItem(k,s);else v=localStorage.getItem(k)}catch(e){}v=(v||"").split(".");if(/^(${TEXT_SIZES.join("|")})$/.test(v[0])&&/^(${CONTRASTS.join("|")})$/.test(v[1])&&v.length==2){d.setAttribute("data-text-size",v[0]);d.setAttribute("data-contrast",v[1])}})()`;

/** The preferences in force on this page (what <html> says), for the settings form. */
export function currentDisplay(root: { getAttribute(name: string): string | null }): DisplayPreferences {
  return decodeDisplay(`${root.getAttribute("data-text-size")}.${root.getAttribute("data-contrast")}`) ?? DEFAULT_DISPLAY;
}

/** Applies preferences to this page at once and keeps them on the device. */
export function applyDisplay(prefs: DisplayPreferences, doc: Document = document): void {
  const root = doc.documentElement;
  // What the server rendered is now out of date; the next page from the server brings the new value.
  root.removeAttribute("data-display");
  root.setAttribute("data-text-size", String(prefs.textSize));
  root.setAttribute("data-contrast", prefs.contrast);
  try {
    localStorage.setItem(DISPLAY_STORAGE_KEY, encodeDisplay(prefs));
  } catch {
    // private mode or storage full: the page still shows them until it is left
  }
}
