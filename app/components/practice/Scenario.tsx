import { CallLine, CallTranscript, formatAmount, MessageBubble, PhoneFrame, VietQRCard } from "~/components/lesson/mock";
import { useTranslation } from "~/i18n/react";
import type { Scenario as ScenarioData } from "~/modules/content/practice-schema";

/** What the learner looks at in a practice task: a message, a call, a payment screen, a website. */
export function Scenario({ scenario, qr }: { scenario: ScenarioData; qr?: { size: number; path: string } }) {
  const { t, i18n } = useTranslation();
  switch (scenario.type) {
    case "message":
      return (
        <MessageBubble from={scenario.from} channel={scenario.channel}>
          <p>{scenario.text}</p>
        </MessageBubble>
      );
    case "call":
      return (
        <CallTranscript caller={scenario.caller}>
          {scenario.lines.map((line, i) => (
            <CallLine key={i} who={line.who}>
              {line.text}
            </CallLine>
          ))}
        </CallTranscript>
      );
    case "payment":
      return (
        <div className="payment-scenario">
          <div className="bill">
            <p className="bill-title">{t("practice:payment.bill")}</p>
            <dl>
              <dt>{t("lesson.vietqr.name")}</dt>
              <dd>{scenario.expected.name}</dd>
              <dt>{t("lesson.vietqr.amount")}</dt>
              <dd>{formatAmount(scenario.expected.amount, i18n.language)}</dd>
              {scenario.expected.note ? (
                <>
                  <dt>{t("lesson.vietqr.note")}</dt>
                  <dd>{scenario.expected.note}</dd>
                </>
              ) : null}
            </dl>
          </div>
          <PhoneFrame app={t("practice:payment.app")} title={t("practice:payment.confirmTitle")}>
            <VietQRCard details={scenario.shown} qr={qr ?? null} />
          </PhoneFrame>
        </div>
      );
    case "website":
      return (
        <figure className="website">
          <div className="website-bar">
            <span className="visually-hidden">{t("practice:website.address")}: </span>
            <span className="website-url">{scenario.url}</span>
          </div>
          <p className="website-title">{scenario.title}</p>
          <figcaption className="message-note">{t("practice:website.note")}</figcaption>
        </figure>
      );
    case "text":
      return <blockquote className="scenario-text">{scenario.text}</blockquote>;
  }
}
