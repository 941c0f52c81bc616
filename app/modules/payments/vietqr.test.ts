import { describe, expect, it } from "vitest";
import { readVietQR, SAMPLE_BANK_BIN, vietQRPayload } from "./vietqr.server";

describe("sample VietQR codes", () => {
  it("encode the account, amount and note a learner is asked to check", () => {
    const payload = vietQRPayload({ account: "0123456789", amount: 150000, note: "Tiền điện tháng 10" });
    expect(readVietQR(payload)).toEqual({
      valid: true,
      bankBin: SAMPLE_BANK_BIN,
      account: "0123456789",
      amount: 150000,
      note: "Tien dien thang 10",
    });
  });
});
