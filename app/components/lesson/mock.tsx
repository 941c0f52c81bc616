import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";

/**
 * Presentational imitations of what a learner sees on a phone, shared by lessons (MDX, rendered
 * once on the server) and practice simulations. Plain HTML and CSS: no JavaScript needed.
 */

export function PhoneFrame({ app, title, children }: { app: string; title?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <figure className="phone" aria-label={t("lesson.phone.label", { app })}>
      <div className="phone-bar">
        <span className="phone-app">{app}</span>
        {title ? <span className="phone-title">{title}</span> : null}
      </div>
      <div className="phone-screen">{children}</div>
      <figcaption className="phone-note">{t("lesson.phone.note")}</figcaption>
    </figure>
  );
}

export function MessageBubble({ from, channel, children }: { from: string; channel: "sms" | "zalo"; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <figure className={`message message-${channel}`}>
      <figcaption>
        <span className="message-app">{t(`lesson.message.${channel}`)}</span> · <span className="message-from">{from}</span>
      </figcaption>
      <blockquote className="message-body">{children}</blockquote>
      <p className="message-note">{t("lesson.message.example")}</p>
    </figure>
  );
}

export function CallLine({ who, children }: { who: "caller" | "you"; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <li className={`call-line call-${who}`}>
      <span className="call-who">{t(`lesson.call.${who}`)}:</span> <span className="call-text">{children}</span>
    </li>
  );
}

export function CallTranscript({ caller, children }: { caller: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <figure className="call">
      <figcaption>
        {t("lesson.call.title")} · <strong>{caller}</strong>
      </figcaption>
      <ol className="call-lines">{children}</ol>
    </figure>
  );
}

/** A QR code drawn by qrSvg() (quiet zone included) as inline SVG. */
export function QRCodeSvg({ size, path, label }: { size: number; path: string; label: string }) {
  return (
    <svg className="qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

export interface PaymentDetails {
  bank: string;
  account: string;
  name: string;
  amount?: number;
  note?: string;
}

const formatAmount = (amount: number, locale: string) =>
  `${new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-US").format(amount)} ${locale === "vi" ? "đồng" : "VND"}`;

/** A VietQR card: the sample code and every field a learner must check before paying. */
export function VietQRCard({ details, qr }: { details: PaymentDetails; qr: { size: number; path: string } | null }) {
  const { t, i18n } = useTranslation();
  return (
    <figure className="vietqr">
      <p className="vietqr-sample">{t("lesson.vietqr.sample")}</p>
      {qr ? <QRCodeSvg size={qr.size} path={qr.path} label={t("lesson.vietqr.codeLabel", { name: details.name })} /> : null}
      <dl className="vietqr-details">
        <dt>{t("lesson.vietqr.name")}</dt>
        <dd>{details.name}</dd>
        <dt>{t("lesson.vietqr.bank")}</dt>
        <dd>{details.bank}</dd>
        <dt>{t("lesson.vietqr.account")}</dt>
        <dd>{details.account}</dd>
        {details.amount ? (
          <>
            <dt>{t("lesson.vietqr.amount")}</dt>
            <dd>{formatAmount(details.amount, i18n.language)}</dd>
          </>
        ) : null}
        {details.note ? (
          <>
            <dt>{t("lesson.vietqr.note")}</dt>
            <dd>{details.note}</dd>
          </>
        ) : null}
      </dl>
    </figure>
  );
}

export { formatAmount };
