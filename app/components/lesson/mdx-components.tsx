import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";

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

export function Tip({ children }: Children) {
  return <Callout kind="tip">{children}</Callout>;
}
export function Warning({ children }: Children) {
  return <Callout kind="warning">{children}</Callout>;
}
export function Remember({ children }: Children) {
  return <Callout kind="remember">{children}</Callout>;
}

/** Wraps a Markdown numbered list: each item becomes a big numbered step. */
export function Steps({ children }: Children) {
  return <div className="steps">{children}</div>;
}

/** An example SMS or Zalo message for the learner to judge. */
export function Message({ from, kind = "sms", children }: Children & { from: string; kind?: "sms" | "zalo" }) {
  const { t } = useTranslation();
  return (
    <figure className={`message message-${kind}`}>
      <figcaption>
        <span className="message-app">{t(`lesson.message.${kind}`)}</span> · <span className="message-from">{from}</span>
      </figcaption>
      <blockquote className="message-body">{children}</blockquote>
      <p className="message-note">{t("lesson.message.example")}</p>
    </figure>
  );
}

/** A glossary term explained in place: readable without JavaScript. */
export function Term({ word, children }: Children & { word: string }) {
  return (
    <span className="term">
      <dfn>{word}</dfn> <span className="term-definition">({children})</span>
    </span>
  );
}

export const mdxComponents = { Tip, Warning, Remember, Steps, Message, Term };
