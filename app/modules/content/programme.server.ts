import fs from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { ContentProblem } from "./load.server";
import { PROGRAMME_FILE, programmeSchema, type Programme } from "./programme";
import { describeIssues } from "./schema";

/**
 * Reads content/programme.yaml (from the first content root when several are given, like
 * frameworks.yaml). Without the file there is no programme certificate; an invalid file is a
 * content problem (and also gives none).
 */
export async function readProgramme(contentDirs: string, problems: ContentProblem[]): Promise<Programme | null> {
  const root = contentDirs.split(path.delimiter).filter(Boolean)[0] ?? "content";
  let raw: unknown;
  try {
    raw = parseYaml(await fs.readFile(path.join(root, PROGRAMME_FILE), "utf8"));
  } catch (error) {
    // No file: this deployment offers module certificates only.
    if ((error as NodeJS.ErrnoException)?.code === "ENOENT") return null;
    problems.push({ file: PROGRAMME_FILE, message: `not valid YAML: ${String((error as Error)?.message ?? error).split("\n")[0]}` });
    return null;
  }
  const parsed = programmeSchema.safeParse(raw);
  if (!parsed.success) {
    for (const message of describeIssues(parsed.error)) problems.push({ file: PROGRAMME_FILE, message });
    return null;
  }
  return parsed.data;
}
