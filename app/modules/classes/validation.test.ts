import { describe, expect, it } from "vitest";
import { assignmentSchema, classSchema, dueDateError, joinCodeSchema, parseNewLearners, pinLoginSchema } from "./validation";
import { readForm } from "~/modules/http/forms";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

describe("class form", () => {
  it("needs a name and keeps Vietnamese text NFC", () => {
    const parsed = classSchema.parse({ name: "  Lớp Thôn 3 ", place: "", schedule: "Tối thứ Năm" });
    expect(parsed).toEqual({ name: "Lớp Thôn 3", place: null, schedule: "Tối thứ Năm" });
    const missing = readForm(classSchema, form({ name: "  " }), ["name", "place", "schedule"]);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.errors.name).toBe("classNameRequired");
  });
});

describe("new learners", () => {
  it("takes the filled rows and skips blank ones", () => {
    const parsed = parseNewLearners(form({ name_0: "Nguyễn Thị Lan", birthYear_0: "1958", place_0: "Thôn 3", name_2: "Trần Văn Tư" }), {
      thisYear: 2026,
    });
    expect(parsed).toEqual({
      ok: true,
      people: [
        { fullName: "Nguyễn Thị Lan", birthYear: 1958, place: "Thôn 3" },
        { fullName: "Trần Văn Tư", birthYear: null, place: null },
      ],
    });
  });
  it("names each problem and keeps what was typed", () => {
    const parsed = parseNewLearners(form({ name_0: "Lan", birthYear_0: "58", place_1: "Thôn 3" }), { thisYear: 2026 });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toEqual({ birthYear_0: "birthYearInvalid", name_1: "personNameRequired" });
      expect(parsed.values.place_1).toBe("Thôn 3");
    }
    const empty = parseNewLearners(form({}), { thisYear: 2026 });
    expect(!empty.ok && empty.errors.form).toBe("noLearners");
  });
});

describe("assignment form", () => {
  it("accepts a real date or none", () => {
    expect(assignmentSchema.parse({ moduleId: "m", dueDate: "2026-03-10" }).dueDate).toBe("2026-03-10");
    expect(assignmentSchema.parse({ moduleId: "m", dueDate: "" }).dueDate).toBeNull();
    expect(assignmentSchema.safeParse({ moduleId: "m", dueDate: "2026-02-30" }).success).toBe(false);
    expect(assignmentSchema.safeParse({ moduleId: "m", dueDate: "10/03/2026" }).success).toBe(false);
  });
});

describe("codes and PINs in forms", () => {
  it("reads a join code however it is typed", () => {
    expect(joinCodeSchema.parse({ code: "k7m 3qx" }).code).toBe("K7M3QX");
    expect(joinCodeSchema.safeParse({ code: "hello" }).success).toBe(false);
  });
  it("reads a username and a PIN", () => {
    expect(pinLoginSchema.parse({ login: " Lan4821 ", pin: "482 913" })).toEqual({ login: "lan4821", pin: "482913" });
    const bad = readForm(pinLoginSchema, form({ login: "lan4821", pin: "12" }), ["login", "pin"]);
    expect(!bad.ok && bad.errors.pin).toBe("pinInvalid");
  });
});

describe("due dates", () => {
  it("refuses a day before today (Vietnam time) and accepts today, later days and none", () => {
    expect(dueDateError("2026-11-30", "2026-12-01")).toBe("dueDatePast");
    expect(dueDateError("2026-12-01", "2026-12-01")).toBeNull();
    expect(dueDateError("2027-01-15", "2026-12-01")).toBeNull();
    expect(dueDateError(null, "2026-12-01")).toBeNull();
  });
});
