import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import { termAnchor } from "~/modules/content/glossary";
import { vietQRPayload } from "~/modules/payments/vietqr.server";
import { qrSvg } from "~/modules/qr/qr-svg";
import { CallLine, CallTranscript, MessageBubble, PhoneFrame, VietQRCard } from "./mock";

/**
 * The components lesson writers use in MDX (see docs/content-guide.md). They are rendered once,
 * on the server, when the course loads: everything here must work as plain HTML.
 */

type Children = { children?: ReactNode };

function Callout({ kind, children }: Children & { kind: "tip" | "warning" | "remember" }) {
  const { t } = useTranslation();
  return (
    <aside className={`callout callout-${kind}`}>
      <p className="callout-label">{t(`lesson.callout.${kind}`)}</p>
      {children}
    </aside>
  );
}

export const Tip = ({ children }: Children) => <Callout kind="tip">{children}</Callout>;
export const Warning = ({ children }: Children) => <Callout kind="warning">{children}</Callout>;
export const Remember = ({ children }: Children) => <Callout kind="remember">{children}</Callout>;

/** Wraps a Markdown numbered list: each item becomes a big numbered step. */
export const Steps = ({ children }: Children) => <div className="steps">{children}</div>;

/** Wraps a Markdown bullet list: each item gets a tick box to check. */
export const Checklist = ({ children }: Children) => <div className="checklist">{children}</div>;

/** An example SMS or Zalo message for the learner to judge. */
export const Message = ({ from, kind = "sms", children }: Children & { from: string; kind?: "sms" | "zalo" }) => (
  <MessageBubble from={from} channel={kind}>
    {children}
  </MessageBubble>
);

/**
 * A glossary term explained in place: readable without JavaScript. The word links to its entry on
 * the course glossary (a plain link). `aliases` (other spellings, comma-separated) only matter to
 * the content check, which collects every Term into the glossary.
 */
export function Term({ word, children }: Children & { word: string; aliases?: string }) {
  const { i18n } = useTranslation();
  return (
    <span className="term">
      <a className="term-link" href={`/${i18n.language}/glossary#${termAnchor(word)}`}>
        <dfn>{word}</dfn>
      </a>{" "}
      <span className="term-definition">({children})</span>
    </span>
  );
}

export const PhoneScreen = ({ app, title, children }: Children & { app: string; title?: string }) => (
  <PhoneFrame app={app} title={title}>
    {children}
  </PhoneFrame>
);

export const CallScript = ({ caller, children }: Children & { caller: string }) => (
  <CallTranscript caller={caller}>{children}</CallTranscript>
);
export const Caller = ({ children }: Children) => <CallLine who="caller">{children}</CallLine>;
export const You = ({ children }: Children) => <CallLine who="you">{children}</CallLine>;

export function VietQR(props: { bank: string; account: string; name: string; amount?: number; note?: string }) {
  const qr = qrSvg(vietQRPayload(props));
  return <VietQRCard details={props} qr={qr} />;
}

export const mdxComponents = {
  Tip,
  Warning,
  Remember,
  Steps,
  Checklist,
  Message,
  Term,
  PhoneScreen,
  CallScript,
  Caller,
  You,
  VietQR,
};
