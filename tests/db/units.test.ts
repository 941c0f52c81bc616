import { describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { dialects, useFreshDatabase } from "./databases";

describe.each(dialects)("units schema on %s", (dialect) => {
  let db: Database;
  useFreshDatabase(dialect, (fresh) => (db = fresh));

  it("has the units, officials and targets tables and the new profile and class columns", async () => {
    const at = new Date().toISOString();
    await db
      .insertInto("units")
      .values({
        code: "P",
        name: "Tỉnh",
        level: "province",
        parent_code: null,
        province_code: "P",
        commune_code: null,
        merged_into: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto("unit_targets")
      .values({ unit_code: "P", year: 2025, audience: "adult", denominator: null, target_percent: 70.5, updated_at: at, updated_by: null })
      .execute();
    const target = await db.selectFrom("unit_targets").selectAll().executeTakeFirstOrThrow();
    expect(Number(target.target_percent)).toBe(70.5);
    const profiles = await db.selectFrom("learner_profiles").select(["unit_code", "audience", "profile_updated_at"]).execute();
    expect(profiles).toEqual([]);
    const classes = await db.selectFrom("classes").select(["unit_code"]).execute();
    expect(classes).toEqual([]);
  });
});
