/** Pure read-aloud rules: which voice, how fast. The browser part is read-aloud.client.ts. */

export interface VoiceLike {
  lang: string;
  name: string;
  localService?: boolean;
  default?: boolean;
}

export type Speed = "slow" | "normal";
export const SPEEDS: readonly Speed[] = ["slow", "normal"];
/** Speech rates: slow is for a first listen or an elderly learner; normal is the voice's own pace. */
export const RATES: Record<Speed, number> = { slow: 0.7, normal: 1 };
export const SPEED_STORAGE_KEY = "bdhvs-speech-speed";

function normalise(tag: string): string {
  return tag.trim().toLowerCase().replace(/_/g, "-");
}

/**
 * The best voice for a language ("vi" or "vi-VN"): only voices of that language count; among them
 * the exact regional tag, then a voice on the device (works offline), then the system default.
 * Null when the device has no voice for the language: the control then says so.
 */
export function pickVoice<T extends VoiceLike>(voices: readonly T[], lang: string): T | null {
  const want = normalise(lang);
  const base = want.split("-")[0];
  let best: T | null = null;
  let bestScore = -1;
  for (const voice of voices) {
    const tag = normalise(voice.lang);
    if (tag.split("-")[0] !== base) continue;
    const score = (tag === want ? 4 : 0) + (voice.localService ? 2 : 0) + (voice.default ? 1 : 0);
    if (score > bestScore) {
      best = voice;
      bestScore = score;
    }
  }
  return best;
}

/** What a passage says, as one line: no line breaks or runs of spaces for the voice to trip on. */
export function speakableText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function isSpeed(value: unknown): value is Speed {
  return value === "slow" || value === "normal";
}
