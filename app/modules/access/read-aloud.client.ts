/**
 * The read-aloud engine: speaks a lesson or a question passage by passage with the browser's
 * speech synthesis, marking the passage being read. Loaded on the first tap of a read-aloud
 * control (read-aloud-store.ts), so pages that never read aloud never download it.
 *
 * Pausing cancels the current passage and resuming starts it again: speechSynthesis.pause() is
 * unreliable on Android, where most learners are.
 */
import { getReadAloudState, setReadAloudState } from "./read-aloud-store";
import { pickVoice, RATES, speakableText, type Speed } from "./speech";

interface Passage {
  /** What is marked while it is read. */
  el: HTMLElement;
  text: string;
}

interface Session {
  owner: string;
  root: HTMLElement;
  passages: Passage[];
  index: number;
  voice: SpeechSynthesisVoice;
  speed: Speed;
  /** Changes whenever speech is cancelled, so late events of an old utterance are ignored. */
  token: number;
  onTap?: (event: MouseEvent) => void;
}

const BLOCKS = "h1, h2, h3, h4, p, li, dt, dd, figcaption, blockquote, th, td";
const SKIP = ".meta, .sources, .read-aloud-bar, .listen-button, [hidden], [aria-hidden='true']";

let session: Session | null = null;
let tokens = 0;

function textOf(el: HTMLElement): string {
  return speakableText(el.innerText || el.textContent || "");
}

/** The lesson's readable blocks in reading order: the innermost ones, so nothing is read twice. */
function lessonPassages(root: HTMLElement): Passage[] {
  return Array.from(root.querySelectorAll<HTMLElement>(BLOCKS))
    .filter((el) => !el.closest(SKIP) && !el.querySelector(BLOCKS))
    .map((el) => ({ el, text: textOf(el) }))
    .filter((p) => p.text);
}

/** A question (or practice task): its prompt, then each answer option. */
function questionPassages(root: HTMLElement): Passage[] {
  const prompt = root.querySelector<HTMLElement>(".question-prompt") ?? root.querySelector<HTMLElement>("legend");
  const options = Array.from(root.querySelectorAll<HTMLElement>(".option, .order-step"));
  return [
    ...(prompt ? [{ el: prompt, text: textOf(prompt) }] : []),
    ...options.map((el) => ({ el, text: textOf(el.querySelector("label") ?? el) })),
  ].filter((p) => p.text);
}

function languageOf(el: HTMLElement): string {
  return el.closest<HTMLElement>("[lang]")?.lang || document.documentElement.lang || "vi";
}

/** The device's voices; some browsers fill the list only after a moment. */
function loadVoices(): Promise<SpeechSynthesisVoice[]> {
  const now = speechSynthesis.getVoices();
  if (now.length) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      speechSynthesis.removeEventListener?.("voiceschanged", done);
      clearTimeout(timer);
      resolve(speechSynthesis.getVoices());
    };
    const timer = setTimeout(done, 1500);
    speechSynthesis.addEventListener?.("voiceschanged", done);
  });
}

function unmark(s: Session) {
  for (const p of s.passages) p.el.classList.remove("reading");
}

function mark(el: HTMLElement) {
  el.classList.add("reading");
  const rect = el.getBoundingClientRect();
  if (rect.top < 0 || rect.bottom > window.innerHeight) {
    const still = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    el.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
  }
}

function speakFrom(s: Session, index: number) {
  if (session !== s) return;
  unmark(s);
  if (index >= s.passages.length) return stop();
  s.index = index;
  const passage = s.passages[index]!;
  mark(passage.el);
  const token = ++tokens;
  s.token = token;
  const utterance = new SpeechSynthesisUtterance(passage.text);
  utterance.lang = s.voice.lang;
  utterance.voice = s.voice;
  utterance.rate = RATES[s.speed];
  utterance.onend = () => {
    if (session === s && s.token === token) speakFrom(s, index + 1);
  };
  utterance.onerror = (event) => {
    if (session !== s || s.token !== token) return;
    if (event.error === "interrupted" || event.error === "canceled") return;
    stop();
    setReadAloudState({ status: "failed", owner: s.owner });
  };
  setReadAloudState({ status: "speaking", owner: s.owner });
  speechSynthesis.speak(utterance);
}

export async function read({ owner, root, kind, speed }: { owner: string; root: HTMLElement; kind: "lesson" | "question"; speed: Speed }) {
  stop();
  const language = languageOf(root);
  setReadAloudState({ status: "loading", owner });
  const voice = pickVoice(await loadVoices(), language);
  if (!voice) return setReadAloudState({ status: "no-voice", owner, language: language.split("-")[0] });
  const s: Session = {
    owner,
    root,
    passages: kind === "lesson" ? lessonPassages(root) : questionPassages(root),
    index: 0,
    voice,
    speed,
    token: 0,
  };
  session = s;
  if (kind === "lesson") {
    // While the lesson is being read, tapping a passage reads from there.
    s.onTap = (event) => {
      if ((event.target as HTMLElement).closest("a, button, input, select, summary, label")) return;
      const at = s.passages.findIndex((p) => p.el.contains(event.target as Node));
      if (at >= 0) {
        speechSynthesis.cancel();
        speakFrom(s, at);
      }
    };
    root.addEventListener("click", s.onTap);
  }
  speakFrom(s, 0);
}

export function pause() {
  const s = session;
  if (!s) return;
  s.token = ++tokens;
  speechSynthesis.cancel();
  setReadAloudState({ status: "paused", owner: s.owner });
}

export function resume() {
  if (session) speakFrom(session, session.index);
}

export function stop() {
  const s = session;
  session = null;
  tokens += 1;
  if (s) {
    unmark(s);
    if (s.onTap) s.root.removeEventListener("click", s.onTap);
  }
  if (typeof speechSynthesis !== "undefined") speechSynthesis.cancel();
  setReadAloudState({ status: "idle", owner: null });
}

/** A new speed applies from the passage being read. */
export function setSpeed(speed: Speed) {
  const s = session;
  if (!s) return;
  s.speed = speed;
  if (getReadAloudState().status === "speaking") {
    s.token = ++tokens;
    speechSynthesis.cancel();
    speakFrom(s, s.index);
  }
}
