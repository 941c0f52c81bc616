import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

// Parts of the classes' pages that only teachers and facilitators see (their strings are in the
// teach area's file: app/i18n/areas.ts).

/** The privacy page read to the people present, and the facilitator's tick that they agree (new PIN learners, a guest's PIN). */
export function ReadAloudConsent({ locale, label, invalid }: { locale: string; label: string; invalid?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {t("classes:newLearners.consentRead")}{" "}
        <Link to={`/${locale}/privacy`} target="_blank">
          {t("classes:newLearners.consentPage")}
        </Link>
      </p>
      <div className={`option${invalid ? " field-invalid" : ""}`}>
        <input type="checkbox" id="consent" name="consent" value="yes" />
        <label htmlFor="consent">{label}</label>
      </div>
    </>
  );
}
