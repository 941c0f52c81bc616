import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { runMaintenance } from "./retention.server";

let timer: NodeJS.Timeout | undefined;

/**
 * The retention job in the server process (issue 14): a minute after start, then every
 * MAINTENANCE_INTERVAL_HOURS (0: never; `npm run maintenance` does the same by hand). Several app
 * servers may each run it: every step is an idempotent delete. The timer never keeps the process alive.
 */
export function scheduleMaintenance(): void {
  const env = getEnv();
  if (timer || env.MAINTENANCE_INTERVAL_HOURS <= 0) return;
  const run = async () => {
    try {
      const result = await runMaintenance(await getDb(), { guestMonths: env.GUEST_RETENTION_MONTHS });
      if (result.guests || result.sessions || result.invitations || result.resetCodes)
        console.log(
          `maintenance: removed ${result.guests} inactive guests, ${result.sessions} expired sessions, ${result.invitations} expired invitations, ${result.resetCodes} reset codes`,
        );
    } catch (error) {
      console.error("maintenance failed", error);
    }
  };
  const first = setTimeout(() => {
    void run();
    timer = setInterval(() => void run(), env.MAINTENANCE_INTERVAL_HOURS * 3_600_000);
    timer.unref();
  }, 60_000);
  first.unref();
  timer = first;
}

/** Stops the timer (graceful shutdown), so that no retention run starts on a closing database. */
export function stopMaintenance(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
}
