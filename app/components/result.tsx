import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

/** The score box at the top of a quiz or practice result. */
export function ScoreBox({ passed, score, verdict }: { passed: boolean; score: string; verdict: string }) {
  return (
    // The result page opens here (#score): the redirect after a quiz or practice points at it.
    <section id="score" tabIndex={-1} className={`score ${passed ? "score-pass" : "score-fail"}`} aria-live="polite">
      <p className="score-number">{score}</p>
      <p className="score-verdict">{verdict}</p>
    </section>
  );
}

/** Tells a guest their work lives on this device, with the way to keep it. */
export function GuestNotice({ locale }: { locale: string }) {
  const { t } = useTranslation();
  return (
    <p className="alert">
      {t("result.guestNotice")} <Link to={`/${locale}/signup`}>{t("nav.signup")}</Link>
    </p>
  );
}
