import { useEffect, useState, type ComponentProps, type ReactNode } from "react";
import { Form, Link } from "@remix-run/react";
import { Field } from "~/components/forms";
import { useTranslation } from "~/i18n/react";
import { cellStatusKey, type CellStatus } from "~/modules/classes/dashboard";

/** A labelled input whose error (a key under classes:errors) is announced and linked to it: the form's `Field`. */
export function TextField(props: Omit<ComponentProps<typeof Field>, "errorPrefix">) {
  return <Field {...props} errorPrefix="classes:errors" />;
}

export function FormAlert({ error, options }: { error?: string; options?: Record<string, unknown> }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p>{t(`classes:errors.${error}`, options)}</p>
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert cls-notice" role="status">
      {children}
    </div>
  );
}

/** A QR code drawn on the server as one SVG path (`qrSvg`, its quiet zone included). */
export function QrCode({ qr, label, className = "cls-qr" }: { qr: { size: number; path: string }; label: string; className?: string }) {
  return (
    <svg className={className} viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.path} fill="#000" />
    </svg>
  );
}

/** "Print" needs JavaScript; without it the browser's own print menu does the same, as the hint says. */
/** A print button once JavaScript runs; before that (or without it), the `fallback` hint instead. */
export function PrintButton({ label, fallback }: { label: string; fallback?: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return fallback ? <p className="hint">{fallback}</p> : null;
  return (
    <button type="button" className="button button-primary" onClick={() => window.print()}>
      {label}
    </button>
  );
}

const marks: Record<CellStatus, string> = { "not-started": "–", "failed-once": "…", stuck: "!", mastered: "✓" };

/** A dashboard cell: a symbol and words, never colour alone. A first failure reads softly; two are "needs help". */
export function StateCell({ status, detail }: { status: CellStatus; detail?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`cls-cell cls-cell-${status}`}>
      <span aria-hidden="true" className="cls-mark">
        {marks[status]}
      </span>{" "}
      <span>{t(cellStatusKey[status])}</span>
      {detail ? <span className="cls-detail"> {detail}</span> : null}
    </span>
  );
}

/** A date string "YYYY-MM-DD" written as people read it: "20/03/2026" in Vietnamese, "20 Mar 2026" in English. */
export function formatDay(day: string, locale: string): string {
  const [y, m, d] = day.split("-").map(Number);
  const date = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "vi-VN", {
    timeZone: "UTC",
    day: "2-digit",
    month: locale === "en" ? "short" : "2-digit",
    year: "numeric",
  }).format(date);
}

/** An ISO time in Vietnam time, short. */
export function formatTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/**
 * "No" must load the page again: the box came with the answer to a POST, and a link that differs
 * from the current address only after "#" just scrolls, leaving the box on the screen (without
 * JavaScript) or the action's answer in place (with it). `back=1` makes it a new address.
 */
function leaveBox(to: string): string {
  const [path, hash] = to.split("#", 2) as [string, string | undefined];
  return `${path}${path.includes("?") ? "&" : "?"}back=1${hash === undefined ? "" : `#${hash}`}`;
}

/**
 * "Are you sure?" for an action that cannot simply be undone, as a plain form (no script needed):
 * the first tap posts without `confirmed` and the page comes back with this box where the person
 * is looking; "Yes" posts again with `confirmed=yes`, "No" goes back to the page as it was.
 */
export function ConfirmBox({
  id,
  question,
  detail,
  yes,
  no,
  noTo,
  fields,
  danger = true,
}: {
  id: string;
  question: string;
  detail?: string;
  yes: string;
  no: string;
  noTo: string;
  fields: Record<string, string>;
  danger?: boolean;
}) {
  return (
    <div className="cls-confirm" id={id} role="alert">
      <p className="cls-confirm-question">{question}</p>
      {detail ? <p>{detail}</p> : null}
      <div className="actions">
        <Form method="post" className="inline-form">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="confirmed" value="yes" />
          <button type="submit" className={`button${danger ? " cls-danger" : " button-primary"}`}>
            {yes}
          </button>
        </Form>
        <Link className="button" to={leaveBox(noTo)}>
          {no}
        </Link>
      </div>
    </div>
  );
}
