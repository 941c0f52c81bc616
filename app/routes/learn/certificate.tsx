import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { documentOf } from "~/modules/certificates/certificates.server";
import { requireOwnCertificate } from "~/modules/certificates/owner.server";
import { qrSvg } from "~/modules/qr/qr-svg";
import type { CertificateDocument } from "~/modules/certificates/document";
import { CertificateDownloads } from "~/components/certificates/links";
import { siteOrigin } from "~/modules/http/public-url.server";
import certificateFontsCss from "~/styles/certificate-fonts.css?url";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, certificate } = await requireOwnCertificate(request, params);
  const doc = await documentOf(certificate, locale, siteOrigin());
  return data(
    {
      locale,
      code: certificate.code,
      revoked: certificate.revoked !== null,
      badge: certificate.kind !== "contest",
      doc,
      qr: qrSvg(doc.qrUrl),
    },
    { headers: { "Cache-Control": "private, no-cache", Vary: "Cookie" } },
  );
}

export const links: LinksFunction = () => [{ rel: "stylesheet", href: certificateFontsCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.doc.heading[0]} – ${data.doc.name}` : "" },
  { name: "robots", content: "noindex" },
];

function Pair({ pair, className }: { pair: [string, string]; className?: string }) {
  const { doc } = useLoaderData<typeof loader>();
  return (
    <>
      <span className={className} lang={doc.locale}>
        {pair[0]}
      </span>
      {pair[1] ? (
        <span className="second" lang={doc.secondLocale}>
          {pair[1]}
        </span>
      ) : null}
    </>
  );
}

/** Printing needs JavaScript; without it, the hint says to use the browser's own Print. */
function PrintButton() {
  const { t } = useTranslation();
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return ready ? (
    <button type="button" className="button button-primary" onClick={() => window.print()}>
      {t("certificates:view.print")}
    </button>
  ) : null;
}

function Sheet({ doc, qr, code }: { doc: CertificateDocument; qr: { size: number; path: string }; code: string }) {
  const { t } = useTranslation();
  return (
    <article className="certificate-sheet" aria-label={`${doc.heading[0]}: ${doc.name}`}>
      {doc.revoked ? (
        <p className="certificate-revoked">
          <Pair pair={doc.revoked} />
        </p>
      ) : null}
      {doc.headingLines.map((line) => (
        <p className="certificate-units" key={line}>
          {line}
        </p>
      ))}
      <p className="certificate-issuer">
        <Pair pair={doc.issuer} />
      </p>
      <h1 className="certificate-heading">
        <Pair pair={doc.heading} />
      </h1>
      <p>
        <Pair pair={doc.certifies} />
      </p>
      <p className="certificate-name">{doc.name}</p>
      <p>
        <Pair pair={doc.achievement} />
      </p>
      {doc.subject[0] ? (
        <p className="certificate-subject">
          <Pair pair={doc.subject} />
        </p>
      ) : null}
      <div className="certificate-foot">
        <div className="certificate-facts">
          <p>
            <Pair pair={doc.completedOn} className="strong" />
          </p>
          <p>
            <Pair pair={doc.code} className="strong" />
          </p>
          <p>
            <Pair pair={doc.scan} />
            <a href={doc.verifyUrl} className="certificate-url">
              {doc.verifyUrl}
            </a>
          </p>
          <p className="small">
            <Pair pair={doc.signed} />
          </p>
          <p className="small certificate-notice">
            <Pair pair={doc.notice} />
          </p>
        </div>
        <div className="certificate-signer">
          <p>
            <Pair pair={doc.placeDate} />
          </p>
          {doc.signer?.title ? (
            <p>
              <Pair pair={[doc.signer.title[0].toLocaleUpperCase(doc.locale), doc.signer.title[1]]} className="strong" />
            </p>
          ) : null}
          {doc.signer?.name ? <p className="strong">{doc.signer.name}</p> : null}
        </div>
        <a href={doc.qrUrl} className="certificate-qr">
          <svg
            viewBox={`0 0 ${qr.size} ${qr.size}`}
            role="img"
            aria-label={t("certificates:view.qrLabel", { code })}
            shapeRendering="crispEdges"
          >
            <rect width={qr.size} height={qr.size} fill="#fff" />
            <path d={qr.path} fill="#000" />
          </svg>
        </a>
      </div>
    </article>
  );
}

export default function CertificatePage() {
  const { locale, code, revoked, badge, doc, qr } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const base = `/${locale}/certificates/${code}`;
  return (
    <div className="page wide">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb no-print">
        <Link to={`/${locale}/certificates`}>{t("certificates:title")}</Link>
      </nav>
      {params.get("issued") ? (
        <p className="alert alert-success no-print" role="status">
          {t("certificates:view.issued")}
        </p>
      ) : null}
      <Sheet doc={doc} qr={qr} code={code} />
      {revoked ? null : (
        <section className="no-print" aria-labelledby="downloads">
          <h2 id="downloads">{t("certificates:view.downloads")}</h2>
          <p className="hint">{t("certificates:view.printHint")}</p>
          <CertificateDownloads base={base} shareUrl={doc.verifyUrl} badge={badge}>
            <PrintButton />
          </CertificateDownloads>
          <p className="hint">{t("certificates:card.shareHint")}</p>
        </section>
      )}
    </div>
  );
}
