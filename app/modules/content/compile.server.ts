import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";

/** Bump when the compile options change, so cached code is not reused. */
const COMPILER_VERSION = "mdx-bundler-10.1.1:v1";

export interface CompileCache {
  dir: string | null;
}

function cacheFile(cache: CompileCache, body: string): string | null {
  if (!cache.dir) return null;
  const key = createHash("sha256").update(COMPILER_VERSION).update("\0").update(body).digest("hex");
  return path.join(cache.dir, "mdx", `${key}.js`);
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Compiles one lesson body (no frontmatter) to mdx-bundler code. Cached on disk by a hash of the
 * body and the compiler version, and run one at a time because esbuild is memory-hungry.
 */
export function compileLessonBody(body: string, cache: CompileCache): Promise<string> {
  const run = async () => {
    const file = cacheFile(cache, body);
    if (file) {
      try {
        return await fs.readFile(file, "utf8");
      } catch {
        // not cached yet
      }
    }
    const result = await bundleMDX({
      source: body,
      // Errors are reported by the caller with the lesson's file name; esbuild need not print them too.
      esbuildOptions: (options) => ({ ...options, logLevel: "silent" }),
    });
    if (file) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, result.code);
      await fs.rename(tmp, file);
    }
    return result.code;
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}
