import { describe, expect, it } from "vitest";
import { gradePractice, readPracticeForm, type GradableTask } from "./grade";

const tasks: GradableTask[] = [
  { id: "sms", type: "choice", options: [{ id: "scam", correct: true }, { id: "safe" }] },
  { id: "login", type: "order", steps: [{ id: "open" }, { id: "number" }, { id: "passcode" }] },
];

describe("readPracticeForm", () => {
  it("reads a choice and an order given as positions", () => {
    const form = readPracticeForm(tasks, [
      ["intent", "submit"],
      ["choice.sms", "scam"],
      ["order.login.passcode", "3"],
      ["order.login.open", "1"],
      ["order.login.number", "2"],
    ]);
    expect(form).toMatchObject({ tampered: false, errors: {}, answers: { sms: ["scam"], login: ["open", "number", "passcode"] } });
  });

  it("asks again when a number is used twice or a step is left out, keeping the choices", () => {
    const twice = readPracticeForm(tasks, [
      ["choice.sms", "safe"],
      ["order.login.open", "1"],
      ["order.login.number", "1"],
      ["order.login.passcode", "2"],
    ]);
    expect(twice.errors).toEqual({ login: "order-incomplete" });
    expect(twice.positions.login).toEqual({ open: 1, number: 1, passcode: 2 });
    const blank = readPracticeForm(tasks, [
      ["choice.sms", "safe"],
      ["order.login.open", ""],
    ]);
    expect(blank.errors).toEqual({ login: "missing" });
  });

  it("checks one task on its own", () => {
    expect(readPracticeForm(tasks, [["choice.sms", "scam"]], "sms").errors).toEqual({});
  });

  it.each([
    ["an unknown task", [["choice.nope", "scam"]]],
    ["an unknown option", [["choice.sms", "maybe"]]],
    ["an unknown step", [["order.login.hack", "1"]]],
    ["a position out of range", [["order.login.open", "9"]]],
    ["a choice field for an order task", [["choice.login", "open"]]],
    ["an unexpected field", [["score", "100"]]],
    ["a hexadecimal position", [["order.login.open", "0x2"]]],
    ["a position in exponent form", [["order.login.open", "1e0"]]],
    ["a position with a space", [["order.login.open", " 2"]]],
    ["a position with a leading zero", [["order.login.open", "02"]]],
    ["a fractional position", [["order.login.open", "1.0"]]],
    [
      "a step's position sent twice",
      [
        ["order.login.open", "1"],
        ["order.login.open", "2"],
      ],
    ],
    [
      "a choice sent twice",
      [
        ["choice.sms", "scam"],
        ["choice.sms", "scam"],
      ],
    ],
    [
      "the intent sent twice",
      [
        ["intent", "submit"],
        ["intent", "check:sms"],
      ],
    ],
  ])("flags %s as tampering", (_label, entries) => {
    expect(readPracticeForm(tasks, entries as [string, string][]).tampered).toBe(true);
  });
});

describe("gradePractice", () => {
  it("needs the exact order and the correct option", () => {
    const result = gradePractice(tasks, { sms: ["scam"], login: ["number", "open", "passcode"] });
    expect(result).toMatchObject({ correctCount: 1, totalCount: 2, score: 50 });
    expect(result.tasks[1]).toEqual({
      taskId: "login",
      correct: false,
      answer: ["number", "open", "passcode"],
      expected: ["open", "number", "passcode"],
    });
  });
});
