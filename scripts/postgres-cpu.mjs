// CPU time of the local PostgreSQL server's processes, read from Linux's /proc: for the answer
// bench (load-answers.mjs) and the one-answer profile (profile-answer.ts).
import fs from "node:fs";

/** CPU ms used so far by every process named `postgres` (Linux; other users of that server count too). */
export function postgresCpuMs() {
  let total = 0;
  try {
    for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) !== "postgres") continue;
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        total += (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    return NaN;
  }
  return total;
}
