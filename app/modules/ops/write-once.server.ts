import fs from "node:fs";
import path from "node:path";

/**
 * The content of `file`, made by `make()` and written only if the file does not exist yet; when
 * several processes do this at once they all return the content of the one that won. Written to a
 * temporary file and hard-linked into place (link fails if the name exists), so no process ever
 * reads a half-written file. Mode 0600: for secrets.
 */
export function readOrCreateOnce(file: string, make: () => string): { content: string; created: boolean } {
  try {
    return { content: fs.readFileSync(file, "utf8"), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${file}: ${(error as Error).message}`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.new`;
  const content = make();
  fs.writeFileSync(temporary, content, { mode: 0o600, flag: "wx" });
  try {
    fs.linkSync(temporary, file);
    return { content, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return { content: fs.readFileSync(file, "utf8"), created: false };
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}
