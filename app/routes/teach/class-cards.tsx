import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PrintButton, QrCode } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { translate } from "~/i18n/locale.server";
import { requireOwnedClass } from "~/modules/classes/access.server";
import { listMembers } from "~/modules/classes/classes.server";
import { qrSvg } from "~/modules/qr/qr-svg";
import classesCss from "~/styles/classes.css?url";
import { missingPublicUrl, siteOrigin } from "~/modules/http/public-url.server";
import { PublicUrlNotice } from "~/components/PublicUrlNotice";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/**
 * Login cards on A4, eight to a sheet: name, username, and a QR code that opens the PIN log-in
 * with the username filled in. The PIN is not printed (only its hash is kept): the facilitator
 * writes it in the box, or the person keeps it in their head.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass, db } = await requireOwnedClass(request, params);
  const wanted = new URL(request.url).searchParams.get("ids")?.split(",").filter(Boolean) ?? null;
  const { active } = await listMembers(db, { classId: klass.id });
  // Only this class's current members who log in with a PIN; any other id asked for is ignored.
  const people = active.filter((m) => m.pin && m.username && (!wanted || wanted.includes(m.id)));
  const origin = siteOrigin();
  return {
    publicUrlMissing: missingPublicUrl(),
    locale,
    title: translate(locale, "classes:cards.title"),
    klass: { id: klass.id, name: klass.name },
    loginUrl: `${origin.replace(/^https?:\/\//, "")}/${locale}/login/pin`,
    cards: people.map((m) => {
      const url = `${origin}/${locale}/login/pin?u=${encodeURIComponent(m.username!)}`;
      return { id: m.id, name: m.name, username: m.username!, url, qr: qrSvg(url, { quiet: 4 }) };
    }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function CardsPage() {
  const { publicUrlMissing, locale, klass, cards, loginUrl } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page wide cls-print-page">
      <div className="cls-noprint">
        <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
          <Link to={`/${locale}/teach/classes/${klass.id}`}>{klass.name}</Link>
        </nav>
        <h1>{t("classes:cards.title")}</h1>
        <PublicUrlNotice missing={publicUrlMissing} />
        <p>{t("classes:cards.lead", { count: cards.length })}</p>
        <p className="hint">{t("classes:cards.printHint")}</p>
        <PrintButton label={t("classes:cards.print")} />
        {cards.length === 0 ? <p className="empty">{t("classes:cards.none")}</p> : null}
      </div>
      <ul className="cls-cards" aria-label={t("classes:cards.title")}>
        {cards.map((c) => (
          <li key={c.id} className="cls-login-card">
            <p className="cls-card-site">{t("site.name")}</p>
            <p className="cls-card-name">{c.name}</p>
            <div className="cls-card-body">
              <QrCode qr={c.qr} label={t("classes:cards.qrLabel", { name: c.name })} className="cls-card-qr" />
              <dl>
                <dt>{t("classes:newLearners.username")}</dt>
                <dd className="cls-code" data-username>
                  {c.username}
                </dd>
                <dt>{t("classes:newLearners.pin")}</dt>
                <dd className="cls-pin-box">
                  <span className="visually-hidden">{t("classes:cards.pinBox")}</span>
                </dd>
              </dl>
            </div>
            <p className="cls-card-url">
              {t("classes:cards.orVisit")} {loginUrl}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
