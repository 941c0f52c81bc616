import { getEnv } from "~/env.server";

export const DEFAULT_ISSUER = {
  vi: "Nền tảng học tập mở Bình dân học vụ số",
  en: "Bình dân học vụ số open learning platform",
} as const;

/** The issuing unit printed on certificates: CERT_ISSUER_NAME (vi) and CERT_ISSUER_NAME_EN. */
export function issuerNames(): { vi: string; en: string } {
  const env = getEnv();
  if (!env.CERT_ISSUER_NAME) return { vi: DEFAULT_ISSUER.vi, en: env.CERT_ISSUER_NAME_EN ?? DEFAULT_ISSUER.en };
  return { vi: env.CERT_ISSUER_NAME.normalize("NFC"), en: (env.CERT_ISSUER_NAME_EN ?? env.CERT_ISSUER_NAME).normalize("NFC") };
}
