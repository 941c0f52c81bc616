import { expect, test } from "@playwright/test";
import { fuzz, setUp, startServer } from "./fuzz-actions";

// Issue 10: a property-based run over every action of the route table, against the built app on
// its own throw-away database. A few posts per action here; `npm run fuzz` sends 10,000 per action.
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);

test("every action answers hostile posts below 500 and writes nothing when it refuses", async () => {
  test.setTimeout(120_000);
  const server = await startServer();
  try {
    const fixtures = await setUp(server);
    expect(fixtures.targets.length).toBeGreaterThanOrEqual(20);
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    const report = await fuzz(server, fixtures, { runs: RUNS, seed });
    for (const [action, { runs, statuses }] of Object.entries(report.perAction))
      console.log(`${runs}\t${action}\t${JSON.stringify(statuses)}`);
    expect(report.problems, `seed ${seed}`).toEqual([]);
  } finally {
    await server.stop();
  }
});
