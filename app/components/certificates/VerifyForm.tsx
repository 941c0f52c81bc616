import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

/** A plain GET form to /:lang/verify?code=…: works without JavaScript, and the address can be shared. */
export function VerifyForm({ locale, value, error }: { locale: string; value: string; error: string | null }) {
  const { t } = useTranslation();
  const describedBy = `code-hint${error ? " code-error" : ""}`;
  return (
    <Form method="get" action={`/${locale}/verify`} className="form verify-form">
      <div className={`field${error ? " field-invalid" : ""}`}>
        <label htmlFor="code">{t("certificates:verify.codeLabel")}</label>
        <p className="hint" id="code-hint">
          {t("certificates:verify.codeHint")}
        </p>
        <input
          id="code"
          name="code"
          defaultValue={value}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          maxLength={200}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        {error ? (
          <p className="field-error" id="code-error" role="alert">
            {t(`certificates:verify.errors.${error}`)}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button-primary">
        {t("certificates:verify.submit")}
      </button>
    </Form>
  );
}
