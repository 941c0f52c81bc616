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

/** What the administrative block of a certificate says (issue 13), from the environment. */
export interface CertificateLayout {
  /** The issuing unit's heading lines, top to bottom (e.g. "UBND HUYỆN TÂN PHÚ", "UBND XÃ TÂN PHÚ"). */
  headingLines: string[];
  place: { vi: string; en: string } | null;
  signer: { title: { vi: string; en: string } | null; name: string | null } | null;
}

export function certificateLayout(): CertificateLayout {
  const env = getEnv();
  const names = issuerNames();
  const nfc = (s: string | undefined) => s?.normalize("NFC");
  const headingLines = (nfc(env.CERT_HEADING) ?? names.vi.toLocaleUpperCase("vi"))
    .split("|")
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3);
  const place = env.CERT_PLACE ? { vi: nfc(env.CERT_PLACE)!, en: nfc(env.CERT_PLACE_EN ?? env.CERT_PLACE)! } : null;
  const title = env.CERT_SIGNER_TITLE
    ? { vi: nfc(env.CERT_SIGNER_TITLE)!, en: nfc(env.CERT_SIGNER_TITLE_EN ?? env.CERT_SIGNER_TITLE)! }
    : null;
  const name = nfc(env.CERT_SIGNER_NAME) ?? null;
  return { headingLines, place, signer: title || name ? { title, name } : null };
}
