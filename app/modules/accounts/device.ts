/** The learners a shared device remembers (for "Đổi người học"): most recent first, at most 8. */
export const DEVICE_MAX_LEARNERS = 8;

const ID = /^[0-9a-f-]{36}$/;

/** Reads the cookie's value defensively: anything odd is dropped, never an error. */
export function readDeviceList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const ids = value.filter((v): v is string => typeof v === "string" && ID.test(v));
  return [...new Set(ids)].slice(0, DEVICE_MAX_LEARNERS);
}

export function rememberOnDevice(list: readonly string[], learnerId: string): string[] {
  return [learnerId, ...list.filter((id) => id !== learnerId)].slice(0, DEVICE_MAX_LEARNERS);
}

export function forgetOnDevice(list: readonly string[], learnerId: string): string[] {
  return list.filter((id) => id !== learnerId);
}
