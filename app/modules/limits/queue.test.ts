import { describe, expect, it } from "vitest";
import { BoundedQueue, QueueFullError } from "./queue";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe("BoundedQueue", () => {
  it("runs at most `concurrency` at once, queues up to `maxWaiting`, refuses the rest at once", async () => {
    const queue = new BoundedQueue(2, 3);
    const gates = Array.from({ length: 5 }, deferred);
    let active = 0;
    let most = 0;
    const runs = gates.map((gate, i) =>
      queue.run(async () => {
        active += 1;
        most = Math.max(most, active);
        await gate.promise;
        active -= 1;
        return i;
      }),
    );
    expect(queue.size).toEqual({ running: 2, waiting: 3 });
    await expect(queue.run(async () => "late")).rejects.toBeInstanceOf(QueueFullError);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(queue.size).toEqual({ running: 0, waiting: 0 });
    expect(await queue.run(async () => "again")).toBe("again");
  });

  it("frees the slot when a task fails", async () => {
    const queue = new BoundedQueue(1, 0);
    await expect(queue.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await queue.run(async () => 1)).toBe(1);
  });
});
