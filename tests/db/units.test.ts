import { describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { signUp } from "~/modules/accounts/learners.server";
import { grantRole } from "~/modules/accounts/roles.server";
import { createClass } from "~/modules/classes/classes.server";
import {
  grantOfficial,
  isOfficialOf,
  mayGrantOfficial,
  maySeeUnit,
  officialUnitsOf,
  revokeOfficial,
} from "~/modules/units/officials.server";
import { importTargetsFile, registeredByAudience, saveTargets, targetsOf } from "~/modules/units/targets.server";
import {
  addVillage,
  childUnits,
  getLearnerPlace,
  getUnit,
  importUnitsFile,
  learnerCountsBelow,
  mergeVillage,
  renameUnit,
  setLearnerPlace,
  supplyUnitFromClass,
} from "~/modules/units/units.server";
import { dialects, useFreshDatabase } from "./databases";

const file = (...lines: string[]) => new TextEncoder().encode(["\ufeffcode,name,level,parent_code", ...lines].join("\r\n") + "\r\n");
const sample = file(
  "P1,Tỉnh Thử,province,",
  "C1,Xã Tân Phú,commune,P1",
  "C2,Phường Đông Hòa,commune,P1",
  "V1,Thôn 1,village,C1",
  "V2,Thôn 2,village,C1",
  "P2,Tỉnh Khác,province,",
  "C9,Xã Xa,commune,P2",
);
let counter = 0;
async function account(db: Database, name: string) {
  const result = await signUp(db, {
    guestId: null,
    displayName: name,
    login: `u${Date.now().toString(36)}${counter++}`,
    password: "mat-khau-dai",
  });
  if (!result.ok) throw new Error("sign-up failed");
  return result.learner;
}
const snapshot = (db: Database) => db.selectFrom("units").selectAll().orderBy("code").execute();

describe.each(dialects)("units on %s", (dialect) => {
  let db: Database;
  useFreshDatabase(dialect, (fresh) => (db = fresh));

  it("imports a tree once; the same file again changes nothing", async () => {
    const first = await importUnitsFile(db, { bytes: sample, now: new Date("2025-07-01T00:00:00Z") });
    expect(first).toMatchObject({ ok: true, plan: { update: [], unchanged: 0 } });
    expect(first.ok && first.plan.insert).toHaveLength(7);
    expect(await getUnit(db, "V1")).toMatchObject({ province_code: "P1", commune_code: "C1", parent_code: "C1", level: "village" });
    const before = await snapshot(db);
    const again = await importUnitsFile(db, { bytes: sample, now: new Date("2025-08-01T00:00:00Z") });
    expect(again).toEqual({ ok: true, plan: { insert: [], update: [], unchanged: 7, outsideRoot: 0 } });
    expect(await snapshot(db)).toEqual(before);
  });

  it("a renamed unit keeps its code and its learners", async () => {
    const learner = await account(db, "Người Ở Thôn 1");
    expect(await setLearnerPlace(db, { learnerId: learner.id, place: { unitCode: "V1", audience: "worker", birthYear: 1970 } })).toBe(true);
    const renamed = await importUnitsFile(db, { bytes: file("C1,Xã Tân Phú Mới,commune,P1") });
    expect(renamed.ok && renamed.plan.update.map((u) => u.code)).toEqual(["C1"]);
    expect((await getUnit(db, "C1"))?.name).toBe("Xã Tân Phú Mới");
    expect(await getLearnerPlace(db, learner.id)).toEqual({ unitCode: "V1", audience: "worker", birthYear: 1970 });
    const counts = await learnerCountsBelow(db, (await getUnit(db, "P1"))!);
    expect(counts.byChild.get("C1")).toBe(1);
  });

  it("a broken file imports nothing, not even its good lines", async () => {
    const before = await snapshot(db);
    const broken = await importUnitsFile(db, { bytes: file("C3,Xã Mới,commune,P1", "V7,Thôn 7,village,C404", "C3,Trùng,commune,P1") });
    expect(broken.ok).toBe(false);
    expect(!broken.ok && "errors" in broken && broken.errors.map((e) => [e.line, e.problem])).toEqual([
      [3, "missing-parent"],
      [4, "duplicate-code"],
    ]);
    const utf16 = await importUnitsFile(db, { bytes: Buffer.from("\ufeffcode,name,level,parent_code\r\nC3,Xã,commune,P1\r\n", "utf16le") });
    expect(utf16).toEqual({ ok: false, encoding: "utf-16le" });
    expect(await snapshot(db)).toEqual(before);
  });

  it("villages: added with a generated code, renamed, merged (learners and classes move)", async () => {
    const added = await addVillage(db, { communeCode: "C1", name: "  Ấp   Mới " });
    expect(added).toEqual({ ok: true, code: "C1-T01" });
    expect(await getUnit(db, "C1-T01")).toMatchObject({ name: "Ấp Mới", level: "village", province_code: "P1", commune_code: "C1" });
    expect(await addVillage(db, { communeCode: "C1", name: "ấp mới" })).toEqual({ ok: false, error: "name-taken" });
    expect(await addVillage(db, { communeCode: "V1", name: "Thôn X" })).toEqual({ ok: false, error: "not-found" });
    expect(await addVillage(db, { communeCode: "C1", name: " " })).toEqual({ ok: false, error: "name-missing" });
    expect(await renameUnit(db, { code: "C1-T01", name: "Ấp Mới Lập" })).toEqual({ ok: true, code: "C1-T01" });

    const teacher = await account(db, "Cô Giáo");
    const klass = await createClass(db, { ownerId: teacher.id, name: "Lớp Thôn 2", place: null, schedule: null, unitCode: "V2" });
    const a = await account(db, "Người A");
    const b = await account(db, "Người B");
    await setLearnerPlace(db, { learnerId: a.id, place: { unitCode: "V2", audience: null, birthYear: null } });
    await setLearnerPlace(db, { learnerId: b.id, place: { unitCode: "V2", audience: "student", birthYear: 2008 } });
    const official = await account(db, "Cán Bộ Thôn 2");
    await grantOfficial(db, { learnerId: official.id, unitCode: "V2" });

    expect(await mergeVillage(db, { from: "V2", into: "V2" })).toEqual({ ok: false, error: "same-village" });
    expect(await mergeVillage(db, { from: "V2", into: "C9" })).toEqual({ ok: false, error: "not-found" });
    expect(await mergeVillage(db, { from: "V2", into: "C1-T01" })).toEqual({ ok: true, code: "C1-T01" });
    expect((await getUnit(db, "V2"))?.merged_into).toBe("C1-T01");
    expect((await getLearnerPlace(db, a.id)).unitCode).toBe("C1-T01");
    expect(await getLearnerPlace(db, b.id)).toEqual({ unitCode: "C1-T01", audience: "student", birthYear: 2008 });
    expect((await db.selectFrom("classes").select("unit_code").where("id", "=", klass.id).executeTakeFirstOrThrow()).unit_code).toBe(
      "C1-T01",
    );
    expect((await officialUnitsOf(db, official.id)).map((u) => u.code)).toEqual(["C1-T01"]);
    expect((await childUnits(db, "C1")).map((u) => u.code)).toEqual(["C1-T01", "V1"]);
    const counts = await learnerCountsBelow(db, (await getUnit(db, "C1"))!);
    expect(counts.byChild.get("C1-T01")).toBe(2);
    expect(counts.byChild.has("V2")).toBe(false);
    // Nobody is placed in a merged village any more.
    expect(await setLearnerPlace(db, { learnerId: a.id, place: { unitCode: "V2", audience: null, birthYear: null } })).toBe(false);
    expect(await mergeVillage(db, { from: "V2", into: "V1" })).toEqual({ ok: false, error: "not-found" });
  });

  it("a class's unit is supplied to a joining learner without one, never over their own choice", async () => {
    const teacher = await account(db, "Thầy Giáo");
    const klass = await createClass(db, { ownerId: teacher.id, name: "Lớp Xã Tân Phú", place: null, schedule: null, unitCode: "V1" });
    const without = await account(db, "Chưa Chọn");
    const chosen = await account(db, "Đã Chọn");
    await setLearnerPlace(db, { learnerId: chosen.id, place: { unitCode: "C2", audience: "other", birthYear: null } });
    await supplyUnitFromClass(db, { learnerId: without.id, classId: klass.id });
    await supplyUnitFromClass(db, { learnerId: chosen.id, classId: klass.id });
    expect((await getLearnerPlace(db, without.id)).unitCode).toBe("V1");
    expect((await getLearnerPlace(db, chosen.id)).unitCode).toBe("C2");
  });

  it("officials see their unit and below, and grant only below their own", async () => {
    const province = await account(db, "Cán Bộ Tỉnh");
    const commune = await account(db, "Cán Bộ Xã");
    const admin = await account(db, "Quản Trị");
    await grantRole(db, { learnerId: admin.id, role: "admin" });
    expect(await grantOfficial(db, { learnerId: province.id, unitCode: "P1" })).toEqual({ ok: true });
    expect(await grantOfficial(db, { learnerId: commune.id, unitCode: "C1", grantedBy: province.id })).toEqual({ ok: true });
    expect(await grantOfficial(db, { learnerId: commune.id, unitCode: "NOPE" })).toEqual({ ok: false, error: "no-unit" });
    const unit = async (code: string) => (await getUnit(db, code))!;
    expect(await isOfficialOf(db, { learnerId: province.id, unit: await unit("V1") })).toBe(true);
    expect(await isOfficialOf(db, { learnerId: commune.id, unit: await unit("V1") })).toBe(true);
    expect(await isOfficialOf(db, { learnerId: commune.id, unit: await unit("C2") })).toBe(false);
    expect(await isOfficialOf(db, { learnerId: commune.id, unit: await unit("P1") })).toBe(false);
    expect(await isOfficialOf(db, { learnerId: province.id, unit: await unit("C9") })).toBe(false);
    expect(await maySeeUnit(db, { learnerId: admin.id, unit: await unit("C9") })).toBe(true);
    expect(await mayGrantOfficial(db, { granterId: commune.id, unit: await unit("V1") })).toBe(true);
    expect(await mayGrantOfficial(db, { granterId: commune.id, unit: await unit("C1") })).toBe(false);
    expect(await mayGrantOfficial(db, { granterId: province.id, unit: await unit("C2") })).toBe(true);
    expect(await mayGrantOfficial(db, { granterId: province.id, unit: await unit("P1") })).toBe(false);
    expect(await mayGrantOfficial(db, { granterId: admin.id, unit: await unit("P2") })).toBe(true);
    expect(await revokeOfficial(db, { learnerId: commune.id, unitCode: "C1" })).toBe(true);
    expect(await isOfficialOf(db, { learnerId: commune.id, unit: await unit("V1") })).toBe(false);
  });

  it("targets: the plan's figures until saved; a CSV imports all or nothing, only in scope", async () => {
    expect((await targetsOf(db, { unitCode: "C1", year: 2025 })).map((t) => [t.audience, t.targetPercent, t.saved])).toEqual([
      ["public-sector", 80, false],
      ["student", 100, false],
      ["adult", 70, false],
      ["worker", 80, false],
    ]);
    await saveTargets(db, { unitCode: "C1", year: 2025, values: [{ audience: "adult", denominator: 1200, targetPercent: 72.5 }] });
    expect((await targetsOf(db, { unitCode: "C1", year: 2025 }))[2]).toEqual({
      audience: "adult",
      denominator: 1200,
      targetPercent: 72.5,
      saved: true,
    });
    const header = "unit_code,year,audience,denominator,target_percent";
    const inP1 = (u: { province_code: string }) => u.province_code === "P1";
    const outside = await importTargetsFile(db, {
      bytes: new TextEncoder().encode(`${header}\nC1,2026,worker,300,100\nC9,2026,worker,10,100\n`),
      inScope: inP1,
    });
    expect(outside).toMatchObject({ ok: false, errors: [{ line: 3, problem: "unknown-unit" }] });
    expect((await targetsOf(db, { unitCode: "C1", year: 2026 }))[3]!.saved).toBe(false);
    const imported = await importTargetsFile(db, {
      bytes: new TextEncoder().encode(`${header}\r\nC1,2026,worker,300,100\r\nC1,2025,adult,1300,70\r\n`),
      inScope: inP1,
    });
    expect(imported).toEqual({ ok: true, count: 2 });
    expect((await targetsOf(db, { unitCode: "C1", year: 2025 }))[2]).toMatchObject({ denominator: 1300, targetPercent: 70 });
    const registered = await registeredByAudience(db, (await getUnit(db, "C1"))!);
    expect(registered.adult).toBeGreaterThanOrEqual(3);
    expect(registered.student).toBe(1);
  });
});
