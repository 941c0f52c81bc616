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
import { pendingPins } from "~/modules/classes/handouts.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/**
 * Login cards on A4, eight to a sheet: the steps (scan, then type the PIN), name, username, class,
 * facilitator and a QR code that opens the PIN log-in with the username filled in. A PIN still
 * kept for this browser (just created or reset, not yet confirmed as written down) is printed;
 * otherwise only its hash exists and the card has a box to write it in.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, instructor, klass, db } = await requireOwnedClass(request, params);
  const pins = await pendingPins(db, request, { classId: klass.id, ownerId: instructor.id });
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
    facilitator: instructor.display_name ?? instructor.username ?? "",
    pending: pins.size > 0,
    loginUrl: `${origin.replace(/^https?:\/\//, "")}/${locale}/login/pin`,
    cards: people.map((m) => {
      const url = `${origin}/${locale}/login/pin?u=${encodeURIComponent(m.username!)}`;
      return { id: m.id, name: m.name, username: m.username!, pin: pins.get(m.id) ?? null, url, qr: qrSvg(url, { quiet: 4 }) };
    }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function CardsPage() {
  const { publicUrlMissing, locale, klass, cards, loginUrl, facilitator, pending } = useLoaderData<typeof loader>();
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
        <p className="hint">{t(pending ? "classes:cards.printHintPins" : "classes:cards.printHint")}</p>
        <PrintButton label={t("classes:cards.print")} fallback={t("classes:cards.printNoScript")} />
        {pending ? (
          <p>
            <Link to={`/${locale}/teach/classes/${klass.id}/pins`}>{t("classes:cards.backToPins")}</Link>
          </p>
        ) : null}
        {cards.length === 0 ? <p className="empty">{t("classes:cards.none")}</p> : null}
      </div>
      <ul className="cls-cards" aria-label={t("classes:cards.title")}>
        {cards.map((c) => (
          <li key={c.id} className="cls-login-card">
            <p className="cls-card-site">{t("site.name")}</p>
            <p className="cls-card-name">{c.name}</p>
            <p className="cls-card-class">
              {t("classes:cards.classLine", { className: klass.name })}
              {facilitator ? <> · {t("classes:cards.facilitatorLine", { name: facilitator })}</> : null}
            </p>
            <div className="cls-card-body">
              <QrCode qr={c.qr} label={t("classes:cards.qrLabel", { name: c.name })} className="cls-card-qr" />
              <dl>
                <dt>{t("classes:newLearners.username")}</dt>
                <dd className="cls-code" data-username>
                  {c.username}
                </dd>
                <dt>{t("classes:newLearners.pin")}</dt>
                {c.pin ? (
                  <dd className="cls-code cls-card-pin" data-pin>
                    {c.pin}
                  </dd>
                ) : (
                  <dd className="cls-pin-box">
                    <span className="visually-hidden">{t("classes:cards.pinBox")}</span>
                  </dd>
                )}
              </dl>
            </div>
            <ol className="cls-card-steps">
              <li>{t("classes:cards.step1")}</li>
              <li>{t("classes:cards.step2")}</li>
            </ol>
            <p className="cls-card-url">
              {t("classes:cards.orVisit")} <span data-site>{loginUrl}</span>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
