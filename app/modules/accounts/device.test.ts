import { describe, expect, it } from "vitest";
import { DEVICE_MAX_LEARNERS, forgetOnDevice, readDeviceList, rememberOnDevice } from "./device";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

describe("the shared device's list of learners", () => {
  it("puts the latest learner first, once, and keeps at most eight", () => {
    let list: string[] = [];
    for (let n = 1; n <= 10; n++) list = rememberOnDevice(list, id(n));
    list = rememberOnDevice(list, id(5));
    expect(list[0]).toBe(id(5));
    expect(list).toHaveLength(DEVICE_MAX_LEARNERS);
    expect(new Set(list).size).toBe(list.length);
  });
  it("forgets one learner on request", () => {
    expect(forgetOnDevice([id(1), id(2)], id(1))).toEqual([id(2)]);
  });
  it("ignores a cookie that is not a list of ids", () => {
    expect(readDeviceList("x")).toEqual([]);
    expect(readDeviceList([id(1), 3, "'; drop table", id(1)])).toEqual([id(1)]);
  });
});
