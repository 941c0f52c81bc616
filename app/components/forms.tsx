import { forwardRef, type InputHTMLAttributes } from "react";
import { useTranslation } from "~/i18n/react";

/** A labelled input whose error (an i18n key under form.errors) is announced and linked to it. */
export function Field({
  name,
  label,
  error,
  hint,
  errorValues,
  ...input
}: {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  errorValues?: Record<string, string>;
} & InputHTMLAttributes<HTMLInputElement>) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      <input id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {t(`form.errors.${error}`, errorValues)}
        </p>
      ) : null}
    </div>
  );
}

/**
 * What is wrong with a posted form, at its top, as GOV.UK does: a heading, the message, and a link
 * to each field or question concerned. Focused (and announced) when it appears with JavaScript;
 * without it the form is posted to a #fragment at or above this summary, so the page opens on it.
 */
export const ErrorSummary = forwardRef<HTMLDivElement, { message?: string; items: { href: string; text: string }[] }>(function ErrorSummary(
  { message, items },
  ref,
) {
  const { t } = useTranslation();
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t("form.summaryTitle")}</h2>
      {message ? <p>{message}</p> : null}
      {items.length ? (
        <ul>
          {items.map((item) => (
            <li key={item.href}>
              <a href={item.href}>{item.text}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});
