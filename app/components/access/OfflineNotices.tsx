import { Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import type { OutboxItem } from "~/modules/access/outbox";
import { dismissAnswers, refreshOutbox, shownInline, useOutbox } from "~/modules/access/outbox-store";

/**
 * The offline messages, loaded only when there is one to show (OfflineStatus decides), so pages
 * online with nothing waiting never download this.
 */

/** One entry of the outbox, as a message with what the learner can do next. */
function OutboxMessage({ item }: { item: OutboxItem }) {
  const { t } = useTranslation();
  const kind = item.state === "recorded" ? "alert-success" : item.state === "failed" ? "alert-error" : "";
  return (
    <div className={`alert ${kind}`}>
      <p>{t(`access:offline.${item.state}`, { title: item.title })}</p>
      {item.state !== "waiting" ? (
        <div className="offline-item-actions">
          {item.state === "recorded" && item.resultUrl ? (
            <Link className="button button-primary" to={item.resultUrl}>
              {t("access:offline.seeResult")}
            </Link>
          ) : null}
          {item.state === "failed" ? (
            <Link className="button button-primary" to={item.page}>
              {t("access:offline.open")}
            </Link>
          ) : null}
          <button type="button" className="button" onClick={() => dismissAnswers(item.key)}>
            {t("access:offline.dismiss")}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** Shown by the lesson or practice page under its form when the answers were kept offline. */
export function KeptOfflineNotice({ itemKey }: { itemKey: string }) {
  const { t } = useTranslation();
  const item = useOutbox().find((i) => i.key === itemKey);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    shownInline.add(itemKey);
    refreshOutbox();
    ref.current?.focus();
    return () => {
      shownInline.delete(itemKey);
      refreshOutbox();
    };
  }, [itemKey]);
  return (
    <div ref={ref} tabIndex={-1} role="status" className="offline-status kept-offline">
      {item?.state === "waiting" ? (
        <div className="alert">
          <p>{t("access:offline.queued")}</p>
        </div>
      ) : item ? (
        <OutboxMessage item={item} />
      ) : null}
    </div>
  );
}

/** Site-wide: "you are offline", answers waiting to be sent, and answers recorded since. */
export default function OfflineNotices() {
  const { t } = useTranslation();
  const items = useOutbox();
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    const update = () => setOffline(navigator.onLine === false);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return (
    <>
      {offline ? (
        <div className="alert">
          <p>{t("access:offline.banner")}</p>
        </div>
      ) : null}
      {items
        .filter((item) => !shownInline.has(item.key))
        .map((item) => (
          <OutboxMessage key={item.key} item={item} />
        ))}
    </>
  );
}
