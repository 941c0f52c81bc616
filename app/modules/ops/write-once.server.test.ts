import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readOrCreateOnce } from "./write-once.server";

describe("readOrCreateOnce", () => {
  it("writes once, readable by its owner only; later calls read it and never make another", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "once-")), "sub", "secret");
    const first = readOrCreateOnce(file, () => "first");
    expect(first).toEqual({ content: "first", created: true });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    let made = 0;
    expect(readOrCreateOnce(file, () => `second ${++made}`)).toEqual({ content: "first", created: false });
    expect(made).toBe(0);
    // No temporary file is left beside it.
    expect(fs.readdirSync(path.dirname(file))).toEqual(["secret"]);
  });

  it("when another process wins the race, returns theirs, not its own", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "once-")), "secret");
    // The other process links its file into place after this one has looked and found none.
    const result = readOrCreateOnce(file, () => {
      fs.writeFileSync(file, "theirs");
      return "mine";
    });
    expect(result).toEqual({ content: "theirs", created: false });
    expect(fs.readFileSync(file, "utf8")).toBe("theirs");
    expect(fs.readdirSync(path.dirname(file))).toEqual(["secret"]);
  });
});
