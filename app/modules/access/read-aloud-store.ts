import { useEffect, useState, useSyncExternalStore } from "react";
import { isSpeed, SPEED_STORAGE_KEY, type Speed } from "./speech";
import type * as ReadAloudEngine from "./read-aloud.client";

/**
 * The state of reading aloud on this page, shared by the lesson's bar and each question's button.
 * Tiny on purpose: the speech engine itself (read-aloud.client.ts) loads only on the first tap.
 */
export type ReadAloudStatus = "idle" | "loading" | "speaking" | "paused" | "no-voice" | "failed" | "needs-internet";

export interface ReadAloudState {
  status: ReadAloudStatus;
  /** The id of the element being read (the lesson, or one question). */
  owner: string | null;
  /** The language the device had no voice for. */
  language?: string;
}

const IDLE: ReadAloudState = { status: "idle", owner: null };
let state: ReadAloudState = IDLE;
const listeners = new Set<() => void>();

export function getReadAloudState(): ReadAloudState {
  return state;
}

export function setReadAloudState(next: ReadAloudState): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useReadAloud(): ReadAloudState {
  return useSyncExternalStore(subscribe, getReadAloudState, () => IDLE);
}

/** True once the page runs in a browser that can speak (never during server rendering). */
export function useSpeechSupported(): boolean {
  const [supported, setSupported] = useState(false);
  useEffect(() => {
    setSupported(typeof window.speechSynthesis !== "undefined" && typeof window.SpeechSynthesisUtterance !== "undefined");
  }, []);
  return supported;
}

export function readSpeed(): Speed {
  try {
    const value = localStorage.getItem(SPEED_STORAGE_KEY);
    return isSpeed(value) ? value : "normal";
  } catch {
    return "normal";
  }
}

type Engine = typeof ReadAloudEngine;
let engine: Promise<Engine> | null = null;

/** The speech engine, loaded on first use (a separate small file the service worker keeps). */
export function loadEngine(): Promise<Engine> {
  engine ??= import("./read-aloud.client").catch((error: unknown) => {
    engine = null;
    throw error;
  });
  return engine;
}

/** Starts reading an element aloud (the lesson, or one question with its options). */
export async function startReading(owner: string, kind: "lesson" | "question"): Promise<void> {
  setReadAloudState({ status: "loading", owner });
  try {
    const { read } = await loadEngine();
    const root = document.getElementById(owner);
    if (!root) return setReadAloudState(IDLE);
    await read({ owner, root, kind, speed: readSpeed() });
  } catch {
    // Offline before the engine was ever loaded: say so rather than fail silently.
    setReadAloudState({ status: "needs-internet", owner });
  }
}

/** Stops reading, whoever is reading (also when a reading control leaves the page). */
export function stopReading(): void {
  if (engine)
    void engine.then(
      (e) => e.stop(),
      () => undefined,
    );
  else if (state.status !== "idle") setReadAloudState(IDLE);
}
