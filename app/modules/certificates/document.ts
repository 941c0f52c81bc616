import { localised } from "~/modules/content/programme";
import { CERTIFICATE_TIME_ZONE } from "./time";

/**
 * What a certificate says, in the learner's language with a second language beneath: the one
 * description that the PDF and the printable page both draw. Pure: strings come from `t`.
 */

export type Translate = (locale: string, key: string, options?: Record<string, unknown>) => string;

/** The language printed beneath: English under Vietnamese, Vietnamese under anything else. */
export function secondLocale(locale: string): string {
  return locale === "vi" ? "en" : "vi";
}

/** A date as people write it in that language, in Vietnam's time zone ("2 tháng 3, 2026", "2 March 2026"). */
export function formatCertificateDate(iso: string, locale: string): string {
  const options: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric", timeZone: CERTIFICATE_TIME_ZONE };
  try {
    return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, options).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat("vi", options).format(new Date(iso));
  }
}

export interface CertificateFacts {
  code: string;
  kind: "module" | "programme";
  printedName: string;
  titles: Record<string, string>;
  /** For a programme certificate: what holding it means, per locale. */
  descriptions?: Record<string, string>;
  completedAt: string;
  issuer: { vi: string; en: string };
  revokedAt: string | null;
}

/** A text in the main language and the same beneath in the second. */
export type Pair = [main: string, second: string];

export interface CertificateDocument {
  locale: string;
  secondLocale: string;
  issuer: Pair;
  heading: Pair;
  certifies: Pair;
  name: string;
  achievement: Pair;
  subject: Pair;
  completedOn: Pair;
  code: Pair;
  scan: Pair;
  signed: Pair;
  /** What the certificate is and is not: completion of a course here, not the State's digital-skills confirmation. */
  notice: Pair;
  revoked: Pair | null;
  /** The short address printed under the QR code, for typing by hand. */
  verifyUrl: string;
  /** What the QR code holds: the verification address with the signed payload. */
  qrUrl: string;
}

export function verificationUrl(origin: string, code: string, token?: string): string {
  return `${origin}/verify/${code}${token ? `?t=${token}` : ""}`;
}

export function certificateDocument(
  facts: CertificateFacts,
  { locale, origin, token, t }: { locale: string; origin: string; token: string; t: Translate },
): CertificateDocument {
  const second = secondLocale(locale);
  const both = (fn: (l: string) => string): Pair => [fn(locale), fn(second)];
  const issuerIn = (l: string) => (l === "en" ? facts.issuer.en : facts.issuer.vi);
  const title = (l: string) => localised(facts.titles, l);
  return {
    locale,
    secondLocale: second,
    issuer: both(issuerIn),
    heading: both((l) => (facts.kind === "programme" ? title(l) : t(l, "certificates:document.moduleHeading")).toLocaleUpperCase(l)),
    certifies: both((l) => t(l, "certificates:document.certifies")),
    name: facts.printedName,
    achievement: both((l) =>
      facts.kind === "programme" && facts.descriptions ? localised(facts.descriptions, l) : t(l, "certificates:document.completedModule"),
    ),
    subject: both((l) => (facts.kind === "programme" ? "" : title(l))),
    completedOn: both((l) => t(l, "certificates:document.completedOn", { date: formatCertificateDate(facts.completedAt, l) })),
    code: both((l) => t(l, "certificates:document.code", { code: facts.code })),
    scan: both((l) => t(l, "certificates:document.scan")),
    signed: both((l) => t(l, "certificates:document.signed", { issuer: issuerIn(l) })),
    notice: both((l) => t(l, "certificates:document.notice")),
    revoked: facts.revokedAt
      ? both((l) => t(l, "certificates:document.revoked", { date: formatCertificateDate(facts.revokedAt!, l) }))
      : null,
    verifyUrl: verificationUrl(origin, facts.code),
    qrUrl: verificationUrl(origin, facts.code, token),
  };
}
