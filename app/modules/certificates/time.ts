/** Certificates are dated in Vietnam's time zone, whatever the server's. */
export const CERTIFICATE_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** "2026-03-01T20:00:00Z" → "2026-03-02" (the day it was in Vietnam). */
export function certificateDate(iso: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: CERTIFICATE_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(iso),
  );
}
