import type { IssuedKind } from "./eligibility";
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

/**
 * A date in the administrative style: "ngày 01 tháng 12 năm 2026" (day and month with two
 * digits, as on official papers), "1 December 2026" in English; Vietnam's time zone.
 */
export function administrativeDate(iso: string, locale: string): string {
  if (locale !== "vi") return formatCertificateDate(iso, locale);
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: CERTIFICATE_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" })
    .format(new Date(iso))
    .split("-");
  return `ngày ${parts[2]} tháng ${parts[1]} năm ${parts[0]}`;
}

export interface CertificateFacts {
  code: string;
  kind: IssuedKind;
  printedName: string;
  titles: Record<string, string>;
  /** For a programme certificate: what holding it means, per locale. */
  descriptions?: Record<string, string>;
  completedAt: string;
  /** When it was issued: the date beside the place and signer. */
  issuedAt: string;
  issuer: { vi: string; en: string };
  revokedAt: string | null;
}

/** The administrative block (config.server.ts certificateLayout): the same for every certificate of a deployment. */
export interface LayoutFacts {
  headingLines: string[];
  place: { vi: string; en: string } | null;
  signer: { title: { vi: string; en: string } | null; name: string | null } | null;
}

/** A text in the main language and the same beneath in the second. */
export type Pair = [main: string, second: string];

export interface CertificateDocument {
  locale: string;
  secondLocale: string;
  /** The issuing unit's heading lines (upper case, as on official papers). */
  headingLines: string[];
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
  /** What the certificate is and is not: completion of a course (or a contest) here, not the State's digital-skills confirmation. */
  notice: Pair;
  revoked: Pair | null;
  /** "Tân Phú, ngày 05 tháng 03 năm 2026" (the place only when configured). */
  placeDate: Pair;
  signer: { title: Pair | null; name: string | null } | null;
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
  { locale, origin, token, t, layout }: { locale: string; origin: string; token: string; t: Translate; layout?: LayoutFacts },
): CertificateDocument {
  const block: LayoutFacts = layout ?? { headingLines: [facts.issuer.vi.toLocaleUpperCase("vi")], place: null, signer: null };
  const second = secondLocale(locale);
  const both = (fn: (l: string) => string): Pair => [fn(locale), fn(second)];
  const issuerIn = (l: string) => (l === "en" ? facts.issuer.en : facts.issuer.vi);
  const title = (l: string) => localised(facts.titles, l);
  return {
    locale,
    secondLocale: second,
    headingLines: block.headingLines,
    issuer: both(issuerIn),
    heading: both((l) =>
      (facts.kind === "programme"
        ? title(l)
        : t(l, `certificates:document.${facts.kind === "contest" ? "contestHeading" : "moduleHeading"}`)
      ).toLocaleUpperCase(l),
    ),
    certifies: both((l) => t(l, "certificates:document.certifies")),
    name: facts.printedName,
    achievement: both((l) =>
      facts.kind === "programme" && facts.descriptions
        ? localised(facts.descriptions, l)
        : t(l, facts.kind === "contest" ? "certificates:document.tookPart" : "certificates:document.completedModule"),
    ),
    subject: both((l) => (facts.kind === "programme" ? "" : title(l))),
    completedOn: both((l) =>
      t(l, facts.kind === "contest" ? "certificates:document.tookPartOn" : "certificates:document.completedOn", {
        date: administrativeDate(facts.completedAt, l),
      }),
    ),
    code: both((l) => t(l, "certificates:document.code", { code: facts.code })),
    scan: both((l) => t(l, "certificates:document.scan")),
    signed: both((l) => t(l, "certificates:document.signed", { issuer: issuerIn(l) })),
    notice: both((l) => t(l, facts.kind === "contest" ? "certificates:document.contestNotice" : "certificates:document.notice")),
    revoked: facts.revokedAt
      ? both((l) => t(l, "certificates:document.revoked", { date: administrativeDate(facts.revokedAt!, l) }).toLocaleUpperCase(l))
      : null,
    placeDate: both((l) => {
      const date = administrativeDate(facts.issuedAt, l);
      const place = block.place ? (l === "en" ? block.place.en : block.place.vi) : null;
      return place ? t(l, "certificates:document.placeDate", { place, date }) : date.charAt(0).toLocaleUpperCase(l) + date.slice(1);
    }),
    signer: block.signer
      ? {
          title: block.signer.title ? both((l) => (l === "en" ? block.signer!.title!.en : block.signer!.title!.vi)) : null,
          name: block.signer.name,
        }
      : null,
    verifyUrl: verificationUrl(origin, facts.code),
    qrUrl: verificationUrl(origin, facts.code, token),
  };
}
