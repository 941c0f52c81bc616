import { describe, expect, it } from "vitest";
import { newAttemptKey, readAttemptKey } from "./attempt-key";
import {
  applyOutcome,
  dismiss,
  enqueue,
  flushOutbox,
  outcomeOf,
  readOutbox,
  writeOutbox,
  type KeyValueStore,
  type OutboxItem,
  type SendOutcome,
} from "./outbox";
import { decodeDisplay, DISPLAY_HEAD_SCRIPT, encodeDisplay, TEXT_SIZES } from "./preferences";
import { parseDisplayForm } from "./preferences.server";
import { safeRedirectPath } from "~/modules/http/redirect";
import { pickVoice, speakableText } from "./speech";

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const item = (key: string): Omit<OutboxItem, "state" | "tries"> => ({
  key,
  action: "/vi/modules/m/l?index",
  fields: [
    ["answer.q1", "a"],
    ["attemptKey", key],
  ],
  title: "Bài 1",
  page: "/vi/modules/m/l",
  queuedAt: "2026-03-01T08:00:00.000Z",
});

describe("display preferences", () => {
  it("round-trip through their stored form and refuse anything else", () => {
    for (const textSize of TEXT_SIZES)
      for (const contrast of ["standard", "high"] as const)
        expect(decodeDisplay(encodeDisplay({ textSize, contrast }))).toEqual({ textSize, contrast });
    for (const bad of ["", "300.high", "150", "150.dark", "150.high.x", "0150.high", "1e2.high", null, undefined])
      expect(decodeDisplay(bad)).toBeNull();
  });

  it("the head script applies exactly what decodeDisplay accepts, and the server's choice wins", () => {
    const run = (server: string | null, stored: string | null) => {
      const attrs = new Map<string, string>(server ? [["data-display", server]] : []);
      const storage = new Map<string, string>(stored ? [["bdhvs-display", stored]] : []);
      const document = {
        documentElement: {
          getAttribute: (n: string) => attrs.get(n) ?? null,
          setAttribute: (n: string, v: string) => void attrs.set(n, v),
        },
      };
      const localStorage = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) };
      new Function("document", "localStorage", DISPLAY_HEAD_SCRIPT)(document, localStorage);
      return {
        size: attrs.get("data-text-size") ?? null,
        contrast: attrs.get("data-contrast") ?? null,
        stored: storage.get("bdhvs-display") ?? null,
      };
    };
    expect(run(null, "150.high")).toEqual({ size: "150", contrast: "high", stored: "150.high" });
    expect(run("200.standard", "150.high")).toEqual({ size: "200", contrast: "standard", stored: "200.standard" });
    for (const bad of ["300.high", "150.dark", "150.high.x", "<script>"])
      expect(run(null, bad)).toMatchObject({ size: null, contrast: null });
  });

  it("reads the settings form strictly", () => {
    expect(
      parseDisplayForm([
        ["textSize", "200"],
        ["contrast", "high"],
      ]),
    ).toEqual({ ok: true, prefs: { textSize: 200, contrast: "high" }, onDevice: false, back: null });
    expect(
      parseDisplayForm([
        ["textSize", "125"],
        ["contrast", "standard"],
        ["device", "1"],
        ["back", "/vi/modules/x"],
      ]),
    ).toMatchObject({ ok: true, onDevice: true, back: "/vi/modules/x" });
    expect(
      parseDisplayForm([
        ["textSize", "300"],
        ["contrast", "high"],
      ]),
    ).toEqual({ ok: false, fields: ["textSize"] });
    expect(parseDisplayForm([["textSize", "100"]])).toEqual({ ok: false, fields: ["contrast"] });
    expect(
      parseDisplayForm([
        ["textSize", "100"],
        ["textSize", "200"],
        ["contrast", "high"],
      ]),
    ).toMatchObject({ ok: false });
    expect(
      parseDisplayForm([
        ["textSize", "100"],
        ["contrast", "high"],
        ["admin", "1"],
      ]),
    ).toMatchObject({ ok: false });
  });

  it("only goes back to a page of this site in this language", () => {
    expect(safeRedirectPath("/vi/modules/scam-avoidance", "vi")).toBe("/vi/modules/scam-avoidance");
    expect(safeRedirectPath("/vi", "vi")).toBe("/vi");
    for (const bad of ["//evil.example", "https://evil.example/vi/", "/en/modules", "/vi//evil", "/vi/\\evil", "/vix", null])
      expect(safeRedirectPath(bad, "vi")).toBeNull();
  });
});

describe("attempt keys", () => {
  it("are random, well formed and read back from a form", () => {
    const a = newAttemptKey();
    expect(a).not.toBe(newAttemptKey());
    expect(
      readAttemptKey([
        ["answer.q", "a"],
        ["attemptKey", a],
      ]),
    ).toBe(a);
    expect(readAttemptKey([["answer.q", "a"]])).toBeNull();
  });
  it("refuse what a real form could not send", () => {
    for (const bad of ["short", "x".repeat(65), "has space in it 1234", "'; drop table attempts;--"])
      expect(readAttemptKey([["attemptKey", bad]])).toBe("invalid");
    const a = newAttemptKey();
    expect(
      readAttemptKey([
        ["attemptKey", a],
        ["attemptKey", a],
      ]),
    ).toBe("invalid");
  });
});

describe("the outbox", () => {
  it("keeps answers once per key and survives garbage in storage", () => {
    const store = memory();
    writeOutbox(store, enqueue(enqueue(readOutbox(store), item("k1-0000000000000000")), item("k1-0000000000000000")));
    expect(readOutbox(store)).toHaveLength(1);
    store.setItem("bdhvs-outbox", "{not json");
    expect(readOutbox(store)).toEqual([]);
    store.setItem(
      "bdhvs-outbox",
      JSON.stringify([{ ...item("k"), state: "waiting", tries: 0, action: "//evil.example/x" }, { nonsense: true }]),
    );
    expect(readOutbox(store)).toEqual([]);
  });

  it("sends each waiting entry once, keeps them when the network is down, and records results", async () => {
    const store = memory();
    writeOutbox(store, enqueue(enqueue([], item("a-00000000000000000")), item("b-00000000000000000")));
    const sent: string[] = [];
    let network = false;
    const send = async (i: OutboxItem): Promise<SendOutcome> => {
      sent.push(i.key);
      if (!network) return { kind: "retry" };
      return i.key.startsWith("a") ? { kind: "recorded", resultUrl: "/vi/modules/m/l/attempts/1" } : { kind: "refused" };
    };
    expect(await flushOutbox(store, send)).toBe(0);
    expect(readOutbox(store).map((i) => [i.state, i.tries])).toEqual([
      ["waiting", 1],
      ["waiting", 0],
    ]);
    network = true;
    expect(await flushOutbox(store, send)).toBe(2);
    expect(readOutbox(store).map((i) => i.state)).toEqual(["recorded", "failed"]);
    expect(await flushOutbox(store, send)).toBe(0);
    expect(sent).toEqual(["a-00000000000000000", "a-00000000000000000", "b-00000000000000000"]);
    // Acknowledged entries go; waiting ones cannot be dismissed.
    expect(dismiss(readOutbox(store), "a-00000000000000000").map((i) => i.key)).toEqual(["b-00000000000000000"]);
    expect(dismiss(applyOutcome(enqueue([], item("c-00000000000000000")), "x", { kind: "retry" }), "c-00000000000000000")).toHaveLength(1);
  });

  it("reads the server's answer to a replayed post", () => {
    expect(outcomeOf({ redirected: true, url: "http://x/vi/modules/m/l/attempts/abc", status: 200 })).toEqual({
      kind: "recorded",
      resultUrl: "/vi/modules/m/l/attempts/abc",
    });
    expect(outcomeOf({ redirected: false, url: "http://x/vi/modules/m/l?index", status: 400 })).toEqual({ kind: "refused" });
    expect(outcomeOf({ redirected: false, url: "http://x/vi/modules/m/l", status: 503 })).toEqual({ kind: "retry" });
    expect(outcomeOf({ redirected: true, url: "http://portal.example/login", status: 200 })).toEqual({ kind: "retry" });
    expect(outcomeOf({ redirected: false, url: "http://x/", status: 429 })).toEqual({ kind: "retry" });
  });
});

describe("read-aloud voices", () => {
  const voices = [
    { lang: "en-US", name: "English", default: true },
    { lang: "vi_VN", name: "Network Vietnamese" },
    { lang: "vi-VN", name: "Phone Vietnamese", localService: true },
  ];
  it("picks a voice of the page's language, preferring one on the device", () => {
    expect(pickVoice(voices, "vi")?.name).toBe("Phone Vietnamese");
    expect(pickVoice(voices, "en")?.name).toBe("English");
    expect(pickVoice([voices[1]!], "vi-VN")?.name).toBe("Network Vietnamese");
  });
  it("has no voice rather than a wrong one", () => {
    expect(pickVoice(voices, "qaa")).toBeNull();
    expect(pickVoice([], "vi")).toBeNull();
  });
  it("speaks a passage as one line", () => {
    expect(speakableText("  Câu 1\n\n  Công an   có gọi video? ")).toBe("Câu 1 Công an có gọi video?");
  });
});
