import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";

type Gate = ((req: never, res: never, next: () => void) => void) & {
  stats: () => { waiting: number };
};
// By address, as observe.test.ts does: the server's modules are plain JavaScript.
const { admissionGate } = (await import(String("./admission.mjs"))) as {
  admissionGate: (options: { perTurn?: number; queued?: number; refuse: (req: unknown, res: http.ServerResponse) => void }) => Gate;
};

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? (server.close(() => resolve()), server.closeAllConnections()) : resolve())));

/**
 * A real HTTP server behind the gate, answering at once: `arrived` is the order requests reached
 * the gate and `turnOf` the event-loop turn each one started in.
 */
async function gatedServer(options: { perTurn: number; queued: number }) {
  const arrived: string[] = [];
  const turnOf = new Map<string, number>();
  let turn = 0;
  let counting = true;
  const count = () => {
    turn++;
    if (counting) setImmediate(count);
  };
  setImmediate(count);
  const gate = admissionGate({
    ...options,
    refuse: () => undefined,
  });
  server = http.createServer((req, res) => {
    const name = req.url!.slice(1);
    arrived.push(name);
    gate(req as never, res as never, () => {
      turnOf.set(name, turn);
      res.end(`done ${name}`);
    });
  });
  server.on("close", () => (counting = false));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const get = (name: string) => fetch(`http://127.0.0.1:${port}/${name}`).then((r) => r.text());
  return { get, arrived, turnOf };
}

describe("the admission gate", () => {
  it("starts at most `perTurn` requests in one turn of the event loop, in the order they came", async () => {
    const { arrived, turnOf, get } = await gatedServer({ perTurn: 2, queued: 100 });
    const names = Array.from({ length: 12 }, (_, i) => `r${i}`);
    const answers = await Promise.all(names.map((name) => get(name)));
    expect(answers).toEqual(names.map((n) => `done ${n}`));
    const started = [...turnOf.keys()];
    expect(started).toEqual(arrived);
    const perTurn = new Map<number, number>();
    for (const t of turnOf.values()) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBe(2);
    expect(perTurn.size).toBeGreaterThanOrEqual(6);
  });

  // Requests that reach the gate in one turn, without a network: what happens to each.
  const fakeRequest = () => ({ req: { socket: { destroyed: false } }, res: {} });
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it("answers at once when `queued` already wait, and starts the others in the next turns", async () => {
    const refused: string[] = [];
    const started: string[] = [];
    const gate = admissionGate({ perTurn: 1, queued: 2, refuse: (req) => refused.push((req as { name: string }).name) });
    for (const name of ["a", "b", "c", "d"]) {
      const { req, res } = fakeRequest();
      gate(Object.assign(req, { name }) as never, res as never, () => started.push(name));
    }
    expect(started).toEqual(["a"]);
    expect(refused).toEqual(["d"]);
    expect(gate.stats()).toEqual({ waiting: 2 });
    await nextTurn();
    expect(started).toEqual(["a", "b"]);
    await nextTurn();
    expect(started).toEqual(["a", "b", "c"]);
    expect(gate.stats()).toEqual({ waiting: 0 });
  });

  it("skips a client that went away while it waited", async () => {
    const started: string[] = [];
    const gate = admissionGate({ perTurn: 1, queued: 10, refuse: () => undefined });
    const requests = ["a", "gone", "c"].map((name) => ({ name, ...fakeRequest() }));
    for (const r of requests) gate(r.req as never, r.res as never, () => started.push(r.name));
    requests[1]!.req.socket.destroyed = true;
    await nextTurn();
    expect(started).toEqual(["a", "c"]);
    expect(gate.stats()).toEqual({ waiting: 0 });
  });
});
