import { QRPay } from "vietnam-qr-pay";

/**
 * A bank identification number no real bank uses, for the fictional "Ngân hàng ABC": a learner
 * who scans a sample code with a real bank app gets an error, never a real account.
 */
export const SAMPLE_BANK_BIN = "970000";

export interface VietQRDetails {
  account: string;
  amount?: number;
  /** Transfer note, as banks show it (no accents, ≤ 50 characters). */
  note?: string;
}

/** A real VietQR (EMVCo) payload for the sample bank. */
export function vietQRPayload({ account, amount, note }: VietQRDetails): string {
  return QRPay.initVietQR({
    bankBin: SAMPLE_BANK_BIN,
    bankNumber: account,
    ...(amount ? { amount: String(amount) } : {}),
    ...(note
      ? {
          purpose: note
            .normalize("NFD")
            .replace(/[\u0300-\u036f]/g, "")
            .replace(/[đĐ]/g, "d")
            .slice(0, 50),
        }
      : {}),
  }).build();
}

/** Reads a payload back (for tests and for checking what a code really says). */
export function readVietQR(payload: string) {
  const qr = new QRPay(payload);
  return {
    valid: qr.isValid,
    bankBin: qr.consumer?.bankBin,
    account: qr.consumer?.bankNumber,
    amount: qr.amount ? Number(qr.amount) : undefined,
    note: qr.additionalData?.purpose,
  };
}
