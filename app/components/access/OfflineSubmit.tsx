import { useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import { useTranslation } from "~/i18n/react";
import { ATTEMPT_KEY_FIELD, newAttemptKey } from "~/modules/access/attempt-key";
import { isFilledIn } from "~/modules/access/offline-submit";

/**
 * What a quiz or practice form needs to be answered offline: one key per attempt made on the
 * device (JavaScript only, so a resend is recorded once), a check that everything is filled in
 * before answers are kept offline (the server cannot point out what is missing), and focus on the
 * form's alert whenever there is one to read.
 */
export function useOfflineSubmit({ renewKey, alertShown }: { renewKey?: string; alertShown: unknown }) {
  const alertRef = useRef<HTMLDivElement>(null);
  const [attemptKey, setAttemptKey] = useState<string | null>(null);
  const [offlineIncomplete, setOfflineIncomplete] = useState(false);
  useEffect(() => setAttemptKey(newAttemptKey()), [renewKey]);
  useEffect(() => {
    if (alertShown || offlineIncomplete) alertRef.current?.focus();
  }, [alertShown, offlineIncomplete]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const incomplete = navigator.onLine === false && !isFilledIn(event.currentTarget);
    if (incomplete) event.preventDefault();
    setOfflineIncomplete(incomplete);
  };
  return { alertRef, attemptKey, offlineIncomplete, onSubmit };
}

/** The hidden attempt key and, offline with answers missing, the alert that says so. */
export function OfflineSubmitFields({
  attemptKey,
  offlineIncomplete,
  alertRef,
}: {
  attemptKey: string | null;
  offlineIncomplete: boolean;
  alertRef: RefObject<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  return (
    <>
      {attemptKey ? <input type="hidden" name={ATTEMPT_KEY_FIELD} value={attemptKey} /> : null}
      {offlineIncomplete ? (
        <div className="alert alert-error" role="alert" tabIndex={-1} ref={alertRef}>
          <p>{t("access:offline.incomplete")}</p>
        </div>
      ) : null}
    </>
  );
}
