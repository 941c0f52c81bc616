import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { VerifyForm } from "~/components/certificates/VerifyForm";
import { requireLocale, translate } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/react";
import { verifyCertificate } from "~/modules/certificates/certificates.server";
import { formatCertificateDate } from "~/modules/certificates/document";
import { localised } from "~/modules/content/programme";
import { cardImage, COURSE_CARD } from "~/modules/seo/card.server";
import { publicPageMeta } from "~/modules/seo/meta";
import { getDb } from "~/db.server";
import { take } from "~/modules/limits/limits.server";
import { retryAfterHeaders, tooManyRequests } from "~/modules/limits/responses.server";

/**
 * Public: anyone with a code (or a QR code) sees whether the certificate is valid, revoked or
 * unknown, with the name, what was completed and when. Never cached by the server (a revocation
 * shows at once) and never indexed by search engines. Its link preview (a learner shares this
 * page) says "Chứng nhận hợp lệ — <topic>" with the topic's card, and never the holder's name:
 * neither does its <title>, which some apps show as the preview.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const allowed = await take(await getDb(), [["verifyAddress", [context.clientAddress ?? "unknown"]]]);
  if (!allowed.ok) tooManyRequests(allowed.retryAfterSeconds);
  const token = new URL(request.url).searchParams.get("t");
  const result = await verifyCertificate(params.code ?? "", token);
  const title = translate(locale, "certificates:verify.title");
  const headers = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
  if (result.status === "malformed") {
    return data(
      {
        locale,
        title,
        preview: { title },
        result: { status: "malformed" as const, error: result.error, typed: (params.code ?? "").slice(0, 100) },
      },
      { status: 400, headers },
    );
  }
  if (result.status === "unknown") {
    const preview = { title: translate(locale, "certificates:verify.unknown") };
    return data({ locale, title, preview, result: { status: "unknown" as const, code: result.code } }, { status: 404, headers });
  }
  const c = result.certificate;
  const issuer = locale === "en" ? c.issuer.en : c.issuer.vi;
  const completed = localised(c.titles, locale);
  const date = formatCertificateDate(c.completedAt, locale);
  const qrFailed = result.signature === "incomplete" || result.signature === "altered" || result.signature === "mismatch";
  const preview = {
    title: qrFailed
      ? translate(locale, "certificates:verify.qr.invalidHeading")
      : translate(locale, `certificates:verify.preview.${result.status}`, { title: completed }),
    description: translate(locale, "certificates:verify.preview.description", { issuer, date }),
    image: await cardImage(locale, c.kind === "module" ? c.subjectId : COURSE_CARD),
  };
  return data(
    {
      locale,
      title,
      preview,
      result: {
        status: result.status,
        code: c.code,
        signature: result.signature,
        name: c.printedName,
        kind: c.kind,
        completed,
        date,
        issuer,
        revokedOn: c.revokedAt ? formatCertificateDate(c.revokedAt, locale) : null,
      },
    },
    { headers },
  );
}

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, ...args }) => publicPageMeta(args, data && { ...data.preview, indexable: false });

const QR_FAILURES = new Set(["incomplete", "altered", "mismatch"]);

export default function VerifyResultPage() {
  const { locale, result } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const qrFailed = "signature" in result && QR_FAILURES.has(result.signature);
  return (
    <div className="page narrow">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/${locale}/verify`}>{t("certificates:verify.title")}</Link>
      </nav>
      {result.status === "malformed" ? (
        <>
          <h1>{t("certificates:verify.title")}</h1>
          <VerifyForm locale={locale} value={result.typed} error={result.error} />
        </>
      ) : result.status === "unknown" ? (
        <>
          <div className="verdict verdict-unknown" role="status">
            <h1>{t("certificates:verify.unknown")}</h1>
            <p>{t("certificates:verify.unknownBody", { code: result.code })}</p>
          </div>
          <h2>{t("certificates:verify.another")}</h2>
          <VerifyForm locale={locale} value="" error={null} />
        </>
      ) : (
        <>
          {qrFailed ? (
            // The QR code's data does not hold: that is the verdict on the paper in hand, whatever
            // the register says about the code. The register's record follows, to compare with.
            <div className="verdict verdict-revoked" role="alert">
              <h1>
                <span aria-hidden="true">✗ </span>
                {t("certificates:verify.qr.invalidHeading")}
              </h1>
              <p>{t(`certificates:verify.qr.${result.signature}`)}</p>
            </div>
          ) : (
            <div className={`verdict verdict-${result.status}`} role="status">
              <h1>
                <span aria-hidden="true">{result.status === "valid" ? "✓ " : "✗ "}</span>
                {result.status === "valid" ? t("certificates:verify.valid") : t("certificates:verify.revoked")}
              </h1>
              <p>
                {result.status === "valid"
                  ? t("certificates:verify.validBody", { issuer: result.issuer })
                  : t("certificates:verify.revokedBody", { date: result.revokedOn })}
              </p>
            </div>
          )}
          {result.signature === "matches" && result.status === "valid" ? (
            <p className="alert alert-success">{t("certificates:verify.signature.matches")}</p>
          ) : null}
          <h2>{qrFailed ? t("certificates:verify.register", { code: result.code }) : t("certificates:verify.details")}</h2>
          {qrFailed ? (
            <p>
              {result.status === "valid"
                ? t("certificates:verify.registerStatus.valid")
                : t("certificates:verify.registerStatus.revoked", { date: result.revokedOn })}
            </p>
          ) : null}
          <dl className="facts">
            {/* A certificate withdrawn with its holder's account (issue 14) has no name any more. */}
            {result.name ? (
              <>
                <dt>{t("certificates:verify.name")}</dt>
                <dd className="certificate-name-inline">{result.name}</dd>
              </>
            ) : null}
            <dt>{t("certificates:verify.completed")}</dt>
            <dd>{t(`certificates:verify.kind.${result.kind}`, { title: result.completed })}</dd>
            <dt>{t("certificates:verify.date")}</dt>
            <dd>{result.date}</dd>
            <dt>{t("certificates:verify.issuer")}</dt>
            <dd>{result.issuer}</dd>
            <dt>{t("certificates:verify.code")}</dt>
            <dd className="code">{result.code}</dd>
          </dl>
          <p className="compare">{qrFailed ? t("certificates:verify.compareRegister") : t("certificates:verify.compareName")}</p>
          <p>{t("certificates:verify.what")}</p>
          <p className="hint">{t("certificates:verify.privacy")}</p>
          <p className="hint">
            {t("certificates:verify.offline")}: <a href="/.well-known/certificate-key.pem">/.well-known/certificate-key.pem</a>
          </p>
          <h2>{t("certificates:verify.another")}</h2>
          <VerifyForm locale={locale} value="" error={null} />
        </>
      )}
    </div>
  );
}
