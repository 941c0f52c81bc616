// npm run fuzz [-- --runs 10000 --seed 42]: property-based fuzzing of every action of the route
// table against the built app (its own server on a throw-away database). Prints the posts sent
// per action and any response ≥ 500 or refused post that wrote a row; exits 1 if there was one.
import { fuzz, setUp, startServer } from "../tests/e2e/fuzz-actions";

const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const runs = option("runs", 10_000);
const seed = option("seed", Date.now() % 1_000_000);

const server = await startServer();
try {
  const fixtures = await setUp(server);
  const started = Date.now();
  const report = await fuzz(server, fixtures, { runs, seed });
  let total = 0;
  for (const [action, { runs: n, statuses }] of Object.entries(report.perAction)) {
    total += n;
    console.log(`${String(n).padStart(6)}  ${action}  ${JSON.stringify(statuses)}`);
  }
  console.log(`${total} posts to ${fixtures.targets.length} actions in ${Math.round((Date.now() - started) / 1000)} s (seed ${seed})`);
  console.log(
    report.problems.length
      ? `${report.problems.length} problems:\n${report.problems.join("\n")}`
      : "0 responses ≥ 500, 0 rows written by a refused post",
  );
  process.exitCode = report.problems.length ? 1 : 0;
} finally {
  await server.stop();
}
