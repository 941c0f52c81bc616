import { describe, expect, it } from "vitest";
import {
  buildDashboard,
  cellStatus,
  compareVietnameseNames,
  isLate,
  isStuck,
  lateness,
  matchesFilter,
  matchesSearch,
  paginate,
  readFilter,
  sharedNames,
  summaryBox,
  BOX_FILTERS,
  type ItemProgress,
} from "./dashboard";
import { csvCell, csvDateTime, fileSlug, toCsv } from "./csv";
import { clampStep, splitSlides } from "./slides";

const item = (passed: number, attempt_count: number, best_score = 40): ItemProgress => ({
  passed,
  attempt_count,
  best_score,
  last_attempt_at: "2026-03-01T08:00:00.000Z",
});

describe("who is stuck", () => {
  it("is someone with two failed attempts at the same quiz and no pass", () => {
    expect(isStuck(item(0, 1))).toBe(false);
    expect(isStuck(item(0, 2))).toBe(true);
    expect(isStuck(item(1, 5))).toBe(false);
    expect(isStuck(undefined)).toBe(false);
  });
});

describe("who is late", () => {
  it("is late only after the due day, and only while the module is not done", () => {
    expect(isLate("2026-03-10", "in-progress", "2026-03-10")).toBe(false);
    expect(isLate("2026-03-10", "in-progress", "2026-03-11")).toBe(true);
    expect(isLate("2026-03-10", "not-started", "2026-03-11")).toBe(true);
    expect(isLate("2026-03-10", "mastered", "2026-03-11")).toBe(false);
    expect(isLate(null, "not-started", "2026-03-11")).toBe(false);
  });
});

describe("a lesson's status for the teacher", () => {
  it("says a first failure softly and 'needs help' only after two; a pass is mastered however many tries it took", () => {
    expect(cellStatus(undefined)).toBe("not-started");
    expect(cellStatus(item(0, 1))).toBe("failed-once");
    expect(cellStatus(item(0, 2))).toBe("stuck");
    expect(cellStatus(item(0, 7))).toBe("stuck");
    expect(cellStatus(item(1, 1, 100))).toBe("mastered");
    expect(cellStatus(item(1, 4, 80))).toBe("mastered");
  });
});

describe("how late", () => {
  it("tells 'started but behind' from 'not started', and never calls a finished module late", () => {
    expect(lateness("2026-03-10", "in-progress", "2026-03-11")).toBe("behind");
    expect(lateness("2026-03-10", "not-started", "2026-03-11")).toBe("not-started");
    expect(lateness("2026-03-10", "mastered", "2026-03-11")).toBeNull();
    expect(lateness("2026-03-10", "not-started", "2026-03-10")).toBeNull();
    expect(lateness(null, "not-started", "2030-01-01")).toBeNull();
  });
});

describe("buildDashboard", () => {
  const modules = [
    {
      id: "m1",
      title: "Chủ đề 1",
      lessons: [
        { id: "a", title: "Bài A" },
        { id: "b", title: "Bài B" },
      ],
      practiceIds: [],
    },
    { id: "m2", title: "Chủ đề 2", lessons: [{ id: "c", title: "Bài C" }], practiceIds: ["p"] },
  ];
  const rows = buildDashboard({
    members: [
      { id: "lan", name: "Nguyễn Thị Lan" },
      { id: "tu", name: "Trần Văn Tư" },
    ],
    modules,
    progress: new Map([
      [
        "lan",
        {
          lessons: new Map([
            ["a", item(1, 1, 100)],
            ["b", item(0, 2)],
            ["c", item(1, 3, 80)],
          ]),
          practices: new Map([["p", item(1, 1)]]),
        },
      ],
    ]),
    dueDates: new Map([
      ["m1", "2026-03-05"],
      ["m2", "2026-03-05"],
    ]),
    today: "2026-03-06",
  });
  it("gives every learner a cell per lesson, even without any progress", () => {
    expect(rows[0]!.modules[0]!.cells.map((c) => c.state)).toEqual(["mastered", "in-progress"]);
    expect(rows[1]!.modules[0]!.cells.map((c) => c.state)).toEqual(["not-started", "not-started"]);
    expect(rows[0]!.modules[0]!.cells[0]).toMatchObject({ attempts: 1, bestScore: 100, stuck: false });
  });
  it("lists who is stuck on which lesson", () => {
    expect(rows[0]!.stuck).toEqual([{ moduleId: "m1", lessonId: "b", lessonTitle: "Bài B", attempts: 2 }]);
    expect(rows[1]!.stuck).toEqual([]);
  });
  it("lists who is late with which module, and how", () => {
    expect(rows[0]!.late.map((l) => [l.moduleId, l.kind])).toEqual([["m1", "behind"]]);
    expect(rows[1]!.late.map((l) => l.kind)).toEqual(["not-started", "not-started"]);
    expect(rows[0]!.modules[0]!).toMatchObject({ failedOnce: 0, stuck: 1, late: "behind" });
    expect(rows[0]!.late.map((l) => l.moduleId)).toEqual(["m1"]);
    expect(rows[1]!.late.map((l) => l.moduleId)).toEqual(["m1", "m2"]);
    expect(rows[0]!.modules[1]!.state).toBe("mastered");
  });
});

/** Two modules without practice: m1 of lessons a and b, m2 of lesson c. */
const twoModules = [
  {
    id: "m1",
    title: "Chủ đề 1",
    lessons: [
      { id: "a", title: "A" },
      { id: "b", title: "B" },
    ],
    practiceIds: [],
  },
  { id: "m2", title: "Chủ đề 2", lessons: [{ id: "c", title: "C" }], practiceIds: [] },
];

describe("finding learners in a class of 80", () => {
  const modules = twoModules;
  const progress = new Map([
    [
      "done",
      {
        lessons: new Map([
          ["a", item(1, 1, 100)],
          ["b", item(1, 1, 100)],
          ["c", item(1, 2, 100)],
        ]),
        practices: new Map(),
      },
    ],
    ["behind", { lessons: new Map([["a", item(1, 1, 100)]]), practices: new Map() }],
    ["stuck", { lessons: new Map([["a", item(0, 3)]]), practices: new Map() }],
    ["once", { lessons: new Map([["c", item(0, 1)]]), practices: new Map() }],
  ]);
  const rows = buildDashboard({
    members: ["done", "behind", "stuck", "once", "idle"].map((id) => ({ id, name: id })),
    modules,
    progress,
    dueDates: new Map([
      ["m1", "2026-03-05"],
      ["m2", "2026-04-30"],
    ]),
    today: "2026-03-06",
  });
  const who = (filter: Parameters<typeof matchesFilter>[1], ids = ["m1", "m2"]) =>
    rows.filter((r) => matchesFilter(r, filter, ids)).map((r) => r.learnerId);
  it("filters by needs help, a first failure, behind, late and not started, not started, done", () => {
    expect(who("all")).toEqual(["done", "behind", "stuck", "once", "idle"]);
    expect(who("needs-help")).toEqual(["stuck"]);
    expect(who("failed-once")).toEqual(["once"]);
    expect(who("behind")).toEqual(["behind", "stuck"]);
    expect(who("late-not-started")).toEqual(["once", "idle"]);
    expect(who("not-started")).toEqual(["idle"]);
    expect(who("done")).toEqual(["done"]);
    // Judged on the modules shown: on m2 alone, nobody is late yet.
    expect(who("behind", ["m2"])).toEqual([]);
    expect(who("done", ["m1"])).toEqual(["done"]);
  });
  it("reads an unknown filter as 'all'", () => {
    expect(readFilter("late")).toBe("all");
    expect(readFilter(null)).toBe("all");
    expect(readFilter("needs-help")).toBe("needs-help");
  });
  it("searches names as people type them, without diacritics, and login names", () => {
    expect(matchesSearch("thi lan", "Nguyễn Thị Lan")).toBe(true);
    expect(matchesSearch("  Lan ", "Nguyễn Thị Lan")).toBe(true);
    expect(matchesSearch("dao", "Trần Thị Đào")).toBe(true);
    expect(matchesSearch("lan4821", "Bà Sáu", "lan4821")).toBe(true);
    expect(matchesSearch("tu", "Nguyễn Thị Lan", null)).toBe(false);
    expect(matchesSearch("", "anyone")).toBe(true);
  });
  it("pages 80 learners 20 at a time, and keeps a page number in range", () => {
    const people = Array.from({ length: 80 }, (_, i) => i + 1);
    expect(paginate(people, "1")).toMatchObject({ page: 1, pages: 4, total: 80 });
    expect(paginate(people, "4").items).toEqual(people.slice(60));
    expect(paginate(people, "99").page).toBe(4);
    expect(paginate(people, "-2").page).toBe(1);
    expect(paginate(people, "abc").page).toBe(1);
    expect(paginate([], "3")).toMatchObject({ page: 1, pages: 1, items: [] });
  });
  it("finds the names two members share (their rows then say when each joined)", () => {
    expect([...sharedNames([{ name: "Nguyễn Văn An" }, { name: "Nguyen Van  An" }, { name: "Lê Bình" }])]).toEqual([
      "Nguyễn Văn An",
      "Nguyen Van  An",
    ]);
  });
});

describe("the boxes above the list agree with their filters", () => {
  // m1 and m2 assigned and overdue; m3 not assigned (a learner studies it on their own).
  const modules = [...twoModules, { id: "m3", title: "Chủ đề 3", lessons: [{ id: "d", title: "Bài D" }], practiceIds: [] }];
  const rows = buildDashboard({
    members: ["own", "stuck", "behind", "done"].map((id) => ({ id, name: id })),
    modules,
    progress: new Map([
      ["own", { lessons: new Map([["d", item(0, 2)]]), practices: new Map() }],
      ["stuck", { lessons: new Map([["a", item(0, 3)]]), practices: new Map() }],
      ["behind", { lessons: new Map([["a", item(1, 1, 100)]]), practices: new Map() }],
      [
        "done",
        {
          lessons: new Map([
            ["a", item(1, 1, 100)],
            ["b", item(1, 1, 100)],
            ["c", item(1, 1, 100)],
          ]),
          practices: new Map(),
        },
      ],
    ]),
    dueDates: new Map([
      ["m1", "2026-03-05"],
      ["m2", "2026-03-05"],
    ]),
    today: "2026-03-06",
  });
  const overview = ["m1", "m2"];
  const box = (filter: (typeof BOX_FILTERS)[number], ids: string[]) => summaryBox(rows, filter, ids);
  const names = (filter: (typeof BOX_FILTERS)[number], ids: string[]) => box(filter, ids).map((e) => e.learnerId);

  it("counts, in each box, the people its filter lists: on the overview and on each module", () => {
    for (const ids of [overview, ["m1"], ["m2"], ["m3"]]) {
      for (const filter of BOX_FILTERS) {
        const listed = rows.filter((r) => matchesFilter(r, filter, ids)).map((r) => r.learnerId);
        expect(names(filter, ids), `${filter} on ${ids.join("+")}`).toEqual(listed);
      }
    }
  });
  it("leaves out of the overview's 'needs help' a lesson of a module not assigned; that module's page shows it", () => {
    expect(names("needs-help", overview)).toEqual(["stuck"]);
    expect(box("needs-help", ["m3"])).toEqual([
      { learnerId: "own", name: "own", stuck: [{ moduleId: "m3", lessonId: "d", lessonTitle: "Bài D", attempts: 2 }], late: [] },
    ]);
  });
  it("names, on one module's page, only that module's lateness", () => {
    expect(names("behind", overview)).toEqual(["stuck", "behind"]);
    expect(names("late-not-started", overview)).toEqual(["own", "stuck", "behind"]);
    expect(names("late-not-started", ["m1"])).toEqual(["own"]);
    expect(box("late-not-started", ["m1"])[0]!.late.map((l) => l.moduleId)).toEqual(["m1"]);
    expect(box("late-not-started", overview)[0]!.late.map((l) => [l.moduleId, l.kind])).toEqual([
      ["m1", "not-started"],
      ["m2", "not-started"],
    ]);
    expect(names("behind", ["m2"])).toEqual([]);
    expect(box("behind", overview).every((e) => e.late.every((l) => l.kind === "behind") && e.stuck.length === 0)).toBe(true);
  });
});

describe("names", () => {
  it("sort by given name as Vietnamese lists do", () => {
    const names = ["Trần Văn Tư", "Nguyễn Thị Lan", "Lê Thị Ánh", "Phạm Minh Đức"];
    expect([...names].sort(compareVietnameseNames)).toEqual(["Lê Thị Ánh", "Phạm Minh Đức", "Nguyễn Thị Lan", "Trần Văn Tư"]);
  });
});

describe("CSV", () => {
  it("starts with a byte-order mark and ends lines with CRLF", () => {
    const csv = toCsv([
      ["Họ và tên", "Điểm"],
      ["Nguyễn Thị Lan", 80],
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toBe("\uFEFFHọ và tên,Điểm\r\nNguyễn Thị Lan,80\r\n");
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
  it("quotes commas, quotes and line breaks", () => {
    expect(csvCell('Thôn 3, xã "Yên Bình"')).toBe('"Thôn 3, xã ""Yên Bình"""');
    expect(csvCell("a\nb")).toBe('"a\nb"');
    expect(csvCell(null)).toBe("");
  });
  it("never lets a name run as a formula", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+84900")).toBe("'+84900");
    expect(csvCell("@x")).toBe("'@x");
    expect(csvCell(-5)).toBe("-5");
  });
  it("writes times in Vietnam time and file names without diacritics", () => {
    expect(csvDateTime("2026-03-01T01:05:00.000Z")).toBe("2026-03-01 08:05");
    expect(fileSlug("Lớp Thôn Đông 3")).toBe("lop-thon-dong-3");
    expect(fileSlug("李")).toBe("lop");
  });
});

describe("slides", () => {
  const html = '<p>Mở đầu</p><h2 id="x">Chụp ảnh</h2><ol><li>Mở Camera</li></ol><h2>Mã QR &amp; Zalo</h2><p>…</p>';
  it("cuts a lesson at each heading, keeping the introduction", () => {
    const slides = splitSlides(html, "Bài học");
    expect(slides.map((s) => s.title)).toEqual(["Bài học", "Chụp ảnh", "Mã QR & Zalo"]);
    expect(slides.map((s) => s.html).join("")).toBe(html);
  });
  it("has no empty introduction slide", () => {
    expect(splitSlides("<h2>Một</h2><p>x</p>", "T").map((s) => s.title)).toEqual(["Một"]);
  });
  it("keeps the step within range", () => {
    expect(clampStep(null, 3)).toBe(1);
    expect(clampStep("0", 3)).toBe(1);
    expect(clampStep("abc", 3)).toBe(1);
    expect(clampStep("9", 3)).toBe(4);
  });
});

describe("parts fitted to a projector (issue 18)", () => {
  const para = (n: number) => `<p>${"Chữ ".repeat(n)}</p>`;
  it("leaves a short part whole and cuts a long one between blocks, repeating its heading", async () => {
    const { fitSlides, topLevelBlocks } = await import("./slides");
    expect(topLevelBlocks(`<h2>A</h2><p>x<br/>y</p><ul><li>1</li></ul>`)).toEqual(["<h2>A</h2>", "<p>x<br/>y</p>", "<ul><li>1</li></ul>"]);
    const short = [{ title: "A", html: `<h2>A</h2>${para(20)}` }];
    expect(fitSlides(short)).toEqual(short);
    const long = fitSlides([{ title: "A", html: `<h2>A</h2>${para(60)}${para(60)}${para(60)}${para(60)}${para(60)}` }]);
    expect(long.length).toBeGreaterThan(1);
    expect(long[1]!.html.startsWith("<h2>A (2/")).toBe(true);
    expect(long.map((s) => s.html.match(/<p>/g)!.length).reduce((a, b) => a + b, 0)).toBe(5);
  });
  it("cuts a long list of steps between items and keeps their numbers", async () => {
    const { fitSlides } = await import("./slides");
    const items = Array.from({ length: 12 }, (_, i) => `<li>Bước ${i + 1}: ${"bấm vào nút ".repeat(8)}</li>`).join("");
    const parts = fitSlides([{ title: "S", html: `<h2>S</h2><div class="steps"><ol>${items}</ol></div>` }]);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[1]!.html).toMatch(/<div class="steps"><ol style="counter-reset: step \d+">/);
    expect(parts.map((p) => p.html.match(/<li>/g)!.length).reduce((a, b) => a + b, 0)).toBe(12);
  });
});
