import { hash, verify } from "@node-rs/argon2";
import { getEnv } from "~/env.server";
import { BoundedQueue, QueueFullError } from "~/modules/limits/queue";
import { serviceBusy } from "~/modules/limits/responses.server";

/**
 * Argon2id with the library's defaults (19 MiB, 2 passes): about 30 ms of a core each. At most
 * PASSWORD_HASH_CONCURRENCY (2) run at once and PASSWORD_HASH_QUEUE (32) wait; a burst beyond that
 * is answered 503 with Retry-After at once, so pages keep rendering during a flood of log-ins.
 */
let queue: BoundedQueue | undefined;

function hashing<T>(task: () => Promise<T>): Promise<T> {
  const env = getEnv();
  queue ??= new BoundedQueue(env.PASSWORD_HASH_CONCURRENCY, env.PASSWORD_HASH_QUEUE);
  return queue.run(task).catch((error) => {
    if (error instanceof QueueFullError) serviceBusy();
    throw error;
  });
}

export function hashPassword(password: string): Promise<string> {
  return hashing(() => hash(password.normalize("NFC")));
}

// Verified against when the login name is unknown, so both cases take the same time.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  const target = storedHash ?? (await (dummyHash ??= hash("not-a-real-password")));
  return hashing(async () => {
    try {
      const ok = await verify(target, password.normalize("NFC"));
      return ok && storedHash !== null;
    } catch {
      return false;
    }
  });
}
