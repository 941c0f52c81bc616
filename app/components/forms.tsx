import { forwardRef, type InputHTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "~/i18n/react";

/** What a field's control gets from its frame: the id its label points to, the name, and what describes it. */
export interface FieldControlProps {
  id: string;
  name: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

export interface FieldFrameProps {
  name: string;
  label: ReactNode;
  /** A key under `errorPrefix` (form.errors unless said otherwise): announced and linked to the control. */
  error?: string;
  errorValues?: Record<string, string>;
  /** Where the error keys live: "form.errors", "contests:errors", "classes:errors"… */
  errorPrefix?: string;
  hint?: string;
  /** The control's id, when two forms on a page share a field name. */
  id?: string;
}

/**
 * The one frame of every form field: label, hint, the control, and its error linked to it
 * (aria-describedby), so that the error summary's link lands on it. The control is given by
 * `children` (a textarea, a select); `Field` is the frame around an input.
 */
export function FieldFrame({
  name,
  label,
  error,
  errorValues,
  errorPrefix = "form.errors",
  hint,
  id = name,
  children,
}: FieldFrameProps & { children: (control: FieldControlProps) => ReactNode }) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({ id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {t(`${errorPrefix}.${error}`, errorValues)}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input whose error (an i18n key under `errorPrefix`, form.errors by default) is announced and linked to it. */
export function Field({
  name,
  label,
  error,
  errorValues,
  errorPrefix,
  hint,
  id,
  ...input
}: FieldFrameProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame name={name} label={label} error={error} errorValues={errorValues} errorPrefix={errorPrefix} hint={hint} id={id}>
      {(control) => <input {...control} {...input} />}
    </FieldFrame>
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
