import type { Database } from "#db/client";
import type { Unit } from "#db/schema";
import { getEnv } from "~/env.server";
import { childUnits, getUnit } from "./units.server";

export interface PickerOption {
  code: string;
  name: string;
}

/** What the province → commune → village selects show, and the unit chosen so far. */
export interface UnitPickerData {
  /** Empty when the deployment has one root province (the select is then not shown). */
  provinces: PickerOption[];
  communes: PickerOption[];
  villages: PickerOption[];
  province: string | null;
  commune: string | null;
  village: string | null;
  /** The deepest unit chosen that a learner may belong to (a village, or a commune). */
  unitCode: string | null;
  /** "Thôn 1, Xã Tân Phú, Tỉnh Mẫu" */
  label: string | null;
  /** No units at all: the picker is not shown. */
  empty: boolean;
}

const option = (u: Unit): PickerOption => ({ code: u.code, name: u.name });

/**
 * The successive selects' state from the address (`?province=&commune=&village=`, what the
 * "Tiếp" button sends) or, without those, from the learner's current unit. A choice that does not
 * fit the one above it (a commune of another province) is dropped, so the state is always a path.
 */
export async function loadUnitPicker(
  db: Database,
  { search, current = null }: { search: URLSearchParams; current?: string | null },
): Promise<UnitPickerData> {
  const root = getEnv().ROOT_UNIT ?? null;
  let wanted = { province: search.get("province"), commune: search.get("commune"), village: search.get("village") };
  if (!search.has("province") && !search.has("commune") && !search.has("village") && current) {
    const unit = await getUnit(db, current);
    if (unit) wanted = { province: unit.province_code, commune: unit.commune_code, village: unit.level === "village" ? unit.code : null };
  }
  const rootUnit = root ? await getUnit(db, root) : undefined;
  const provinces = rootUnit ? [rootUnit] : await childUnits(db, null);
  const province = rootUnit ?? provinces.find((p) => p.code === wanted.province) ?? (provinces.length === 1 ? provinces[0] : undefined);
  const communes = province ? await childUnits(db, province.code) : [];
  const commune = communes.find((c) => c.code === wanted.commune);
  const villages = commune ? await childUnits(db, commune.code) : [];
  const village = villages.find((v) => v.code === wanted.village);
  const chosen = [village, commune, province].filter((u): u is Unit => !!u);
  return {
    provinces: rootUnit || provinces.length === 1 ? [] : provinces.map(option),
    communes: communes.map(option),
    villages: villages.map(option),
    province: province?.code ?? null,
    commune: commune?.code ?? null,
    village: village?.code ?? null,
    unitCode: village?.code ?? commune?.code ?? null,
    label: chosen.length ? chosen.map((u) => u.name).join(", ") : null,
    empty: provinces.length === 0,
  };
}
