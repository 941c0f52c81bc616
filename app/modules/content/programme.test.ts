import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ContentProblem } from "./load.server";
import { checkProgramme, localised, programmeSchema } from "./programme";
import { readProgramme } from "./programme.server";

const valid = {
  id: "basic-digital-skills",
  title: { vi: "Giấy chứng nhận hoàn thành khóa học kỹ năng số cơ bản", en: "Certificate of completion of the basic digital-skills course" },
  description: { vi: "Đã học xong các học phần cốt lõi.", en: "Completed every core module." },
  coreModules: ["smart-devices", "scam-avoidance"],
};

describe("programme configuration", () => {
  it("accepts core modules and texts per locale, Vietnamese required", () => {
    expect(programmeSchema.safeParse(valid).success).toBe(true);
    expect(programmeSchema.safeParse({ ...valid, title: { en: "Only English" } }).success).toBe(false);
    expect(programmeSchema.safeParse({ ...valid, coreModules: [] }).success).toBe(false);
    expect(programmeSchema.safeParse({ ...valid, coreModules: ["a", "a"] }).success).toBe(false);
    expect(programmeSchema.safeParse({ ...valid, passMark: 0.5 }).success).toBe(false);
  });

  it("names core modules the course does not have", () => {
    expect(checkProgramme(programmeSchema.parse(valid), ["smart-devices"])).toEqual(['core module "scam-avoidance" is not a module of the course']);
  });

  it("falls back to Vietnamese for a locale without its own text", () => {
    expect(localised(valid.title, "ede")).toBe(valid.title.vi);
    expect(localised(valid.title, "en")).toBe(valid.title.en);
  });

  it("is read from the content folder: the real one lists the nine modules as core", async () => {
    const problems: ContentProblem[] = [];
    const programme = await readProgramme("content", problems);
    expect(problems).toEqual([]);
    expect(programme?.coreModules).toEqual([
      "smart-devices",
      "phone-everyday",
      "internet-information",
      "public-services",
      "cashless-payment",
      "online-shopping",
      "scam-avoidance",
      "digital-economy",
      "ai-daily-life",
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "programme-"));
    fs.writeFileSync(path.join(dir, "programme.yaml"), "id: [broken");
    expect(await readProgramme(dir, problems)).toBeNull();
    expect(problems[0]).toMatchObject({ file: "programme.yaml" });
    fs.rmSync(dir, { recursive: true });
  });
});
