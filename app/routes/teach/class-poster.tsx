import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PrintButton, QrCode } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { requireOwnedClass } from "~/modules/classes/access.server";
import { formatCode } from "~/modules/classes/codes";
import { qrSvg } from "~/modules/qr/qr-svg";
import classesCss from "~/styles/classes.css?url";
import { missingPublicUrl, siteOrigin } from "~/modules/http/public-url.server";
import { PublicUrlNotice } from "~/components/PublicUrlNotice";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/** A poster for the wall or the projector: the join code in big letters and a QR code of the join link. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass } = await requireOwnedClass(request, params);
  const origin = siteOrigin();
  const joinUrl = `${origin}/${locale}/join/${klass.join_code}`;
  return {
    publicUrlMissing: missingPublicUrl(),
    locale,
    title: klass.name,
    klass: { id: klass.id, name: klass.name, place: klass.place, schedule: klass.schedule, code: formatCode(klass.join_code) },
    joinUrl,
    joinPage: `${origin.replace(/^https?:\/\//, "")}/${locale}/join`,
    qr: qrSvg(joinUrl, { quiet: 4 }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function PosterPage() {
  const { publicUrlMissing, locale, klass, joinUrl, joinPage, qr } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page cls-print-page">
      <div className="cls-noprint">
        <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
          <Link to={`/${locale}/teach/classes/${klass.id}`}>{klass.name}</Link>
        </nav>
        <PrintButton label={t("classes:cards.print")} />
        <PublicUrlNotice missing={publicUrlMissing} />
      </div>
      <article className="cls-poster">
        <p className="cls-poster-site">{t("site.name")}</p>
        <h1>{klass.name}</h1>
        {klass.place || klass.schedule ? (
          <p className="cls-poster-meta">{[klass.place, klass.schedule].filter(Boolean).join(" · ")}</p>
        ) : null}
        <p className="cls-poster-call">{t("classes:poster.call")}</p>
        <QrCode qr={qr} label={t("classes:poster.qrLabel", { name: klass.name })} className="cls-poster-qr" />
        <ol className="cls-poster-steps">
          <li>{t("classes:poster.step1")}</li>
          <li>
            {t("classes:poster.step2", { site: joinPage })} <strong className="cls-code cls-code-huge">{klass.code}</strong>
          </li>
        </ol>
        <p className="cls-url cls-noprint">
          <a href={joinUrl}>{joinUrl}</a>
        </p>
      </article>
    </div>
  );
}
