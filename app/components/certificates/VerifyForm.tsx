import { Form } from "@remix-run/react";
import { ErrorSummary, Field } from "~/components/forms";
import { useTranslation } from "~/i18n/react";

/**
 * A plain GET form to /:lang/verify?code=…: works without JavaScript, and the address can be shared.
 * Sent to #verify-form: without JavaScript a mistyped code comes back at the form, its error summary
 * on top (a code that reads as one is redirected with #main, so its verdict opens at the top).
 */
export function VerifyForm({ locale, value, error }: { locale: string; value: string; error: string | null }) {
  const { t } = useTranslation();
  return (
    <Form method="get" action={`/${locale}/verify#verify-form`} id="verify-form" className="form verify-form" noValidate>
      {error ? <ErrorSummary items={[{ href: "#code", text: t(`certificates:verify.errors.${error}`) }]} /> : null}
      <Field
        name="code"
        label={t("certificates:verify.codeLabel")}
        hint={t("certificates:verify.codeHint")}
        errorPrefix="certificates:verify.errors"
        error={error ?? undefined}
        defaultValue={value}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        required
        maxLength={200}
      />
      <button type="submit" className="button button-primary">
        {t("certificates:verify.submit")}
      </button>
    </Form>
  );
}
