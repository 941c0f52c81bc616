import fs from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { ContentProblem } from "./load.server";
import { PROGRAMME_FILE, programmeSchema, type Programme } from "./programme";
import { describeIssues } from "./schema";

/** Reads content/programme.yaml; a missing or invalid file is a content problem and gives null. */
export async function readProgramme(contentDir: string, problems: ContentProblem[]): Promise<Programme | null> {
  let raw: unknown;
  try {
    raw = parseYaml(await fs.readFile(path.join(contentDir, PROGRAMME_FILE), "utf8"));
  } catch (error) {
    const message = (error as NodeJS.ErrnoException)?.code === "ENOENT" ? "missing: the programme certificate needs it" : `not valid YAML: ${String((error as Error)?.message ?? error).split("\n")[0]}`;
    problems.push({ file: PROGRAMME_FILE, message });
    return null;
  }
  const parsed = programmeSchema.safeParse(raw);
  if (!parsed.success) {
    for (const message of describeIssues(parsed.error)) problems.push({ file: PROGRAMME_FILE, message });
    return null;
  }
  return parsed.data;
}
