import { describe, expect, it } from "vitest";
import { currentQuarter, parsePeriod, periodQuery, quarterPeriod, vietnamMidnight } from "./period";

const NOW = new Date("2026-05-20T03:00:00.000Z");

describe("report periods in Vietnam time", () => {
  it("starts a quarter at midnight in Vietnam (17:00 UTC the day before)", () => {
    const q = quarterPeriod(2026, 1);
    expect(q.start).toBe("2025-12-31T17:00:00.000Z");
    expect(q.end).toBe("2026-03-31T17:00:00.000Z");
    expect([q.startDay, q.endDay, q.lastDay, q.year]).toEqual(["2026-01-01", "2026-04-01", "2026-03-31", 2026]);
    expect(quarterPeriod(2025, 4).end).toBe(vietnamMidnight("2026-01-01"));
  });

  it("puts 23:30 UTC on 31 March in the second quarter (it is already 1 April in Vietnam)", () => {
    expect(currentQuarter(new Date("2026-03-31T23:30:00Z")).quarter).toBe(2);
    expect(currentQuarter(new Date("2026-03-31T16:59:00Z")).quarter).toBe(1);
  });

  it("reads this quarter when nothing is given, and a quarter, a year or a range of days", () => {
    expect(parsePeriod({}, NOW)).toMatchObject({ ok: true, period: { kind: "quarter", quarter: 2, year: 2026 } });
    expect(parsePeriod({ period: "year", year: "2025" }, NOW)).toMatchObject({
      ok: true,
      period: { startDay: "2025-01-01", endDay: "2026-01-01" },
    });
    const range = parsePeriod({ period: "range", from: "2026-02-10", to: "2026-02-10" }, NOW);
    expect(range).toMatchObject({ ok: true, period: { startDay: "2026-02-10", endDay: "2026-02-11", year: 2026 } });
    if (range.ok) expect(periodQuery(range.period)).toBe("period=range&from=2026-02-10&to=2026-02-10");
  });

  it("refuses a start after the end, a future quarter or year, impossible days, and names the field", () => {
    expect(parsePeriod({ period: "range", from: "2026-03-01", to: "2026-02-01" }, NOW)).toEqual({
      ok: false,
      errors: [{ field: "from", code: "reports:errors.startAfterEnd" }],
    });
    expect(parsePeriod({ period: "quarter", year: "2026", quarter: "3" }, NOW)).toEqual({
      ok: false,
      errors: [{ field: "quarter", code: "reports:errors.future" }],
    });
    expect(parsePeriod({ period: "year", year: "2027" }, NOW)).toMatchObject({
      ok: false,
      errors: [{ field: "year", code: "reports:errors.future" }],
    });
    expect(parsePeriod({ period: "range", from: "2026-02-30", to: "" }, NOW)).toEqual({
      ok: false,
      errors: [
        { field: "from", code: "reports:errors.dayInvalid" },
        { field: "to", code: "reports:errors.toRequired" },
      ],
    });
    expect(parsePeriod({ period: "quarter", year: "26", quarter: "1" }, NOW)).toMatchObject({ ok: false, errors: [{ field: "year" }] });
    expect(parsePeriod({ period: "quarter", year: "2026", quarter: "5" }, NOW)).toMatchObject({
      ok: false,
      errors: [{ field: "quarter" }],
    });
    expect(parsePeriod({ period: "week" }, NOW)).toMatchObject({ ok: false, errors: [{ field: "period" }] });
  });
});
