import fs from "node:fs";
import path from "node:path";
import type { Database } from "#db/client";
import { countUnits, importUnitsFile } from "./units.server";

/** A small fictional province (codes MAU…, not the statistics office's) so a newcomer sees units and reports at once. */
export const SAMPLE_UNITS_FILE = path.join("db", "seed", "sample-units.csv");

/**
 * On an empty units table, loads the sample province, unless the deployment named its own root
 * unit (ROOT_UNIT: it will import the real list) or turned the sample off (SAMPLE_UNITS=off).
 */
export async function loadSampleUnitsIfEmpty(
  db: Database,
  { rootUnit, sampleUnits }: { rootUnit?: string; sampleUnits: boolean },
): Promise<number> {
  if (rootUnit || !sampleUnits || (await countUnits(db)) > 0) return 0;
  let result: Awaited<ReturnType<typeof importUnitsFile>>;
  try {
    result = await importUnitsFile(db, { bytes: fs.readFileSync(SAMPLE_UNITS_FILE) });
  } catch (error) {
    // Another app server starting at the same moment on the same database loaded them first.
    if ((await countUnits(db)) > 0) return 0;
    throw error;
  }
  if (!result.ok) throw new Error(`The sample units file ${SAMPLE_UNITS_FILE} is broken`);
  return result.plan.insert.length;
}
