import { useLocation } from "@remix-run/react";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { OUTBOX_STORAGE_KEY } from "~/modules/access/outbox";
import { startOffline } from "~/modules/access/service-worker";
import { LazyBoundary } from "./KeptOffline";

const OfflineNotices = lazy(() => import("./OfflineNotices"));

/** True when answers kept offline wait to be sent or to be acknowledged (a cheap look, no parsing). */
function outboxHasEntries(): boolean {
  try {
    const raw = localStorage.getItem(OUTBOX_STORAGE_KEY);
    return !!raw && raw !== "[]";
  } catch {
    return false;
  }
}

/** Sends what waits (the outbox code loads only when something waits). */
function flushIfNeeded() {
  if (navigator.onLine === false || !outboxHasEntries()) return;
  void import("~/modules/access/outbox-store").then(
    (m) => m.flushNow(),
    () => undefined,
  );
}

/**
 * Site-wide, at the top of every page. Starts the service worker and tells it which page was
 * opened; sends answers kept offline whenever the network returns; offline, lets links load whole
 * pages (which the service worker keeps) instead of asking the server for data; and shows the
 * offline messages (a separate small file, loaded only when there is something to say).
 */
export function OfflineStatus({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const [show, setShow] = useState(false);

  useEffect(() => {
    startOffline({
      path: location.pathname,
      lang: locale,
      strings: {
        title: t("access:offline.pageTitle"),
        body: t("access:offline.pageBody"),
        none: t("access:offline.pageNone"),
        home: t("access:offline.home"),
      },
    });
  }, [location.pathname, locale, t]);

  useEffect(() => {
    const update = () => {
      if (navigator.onLine === false || outboxHasEntries()) setShow(true);
      flushIfNeeded();
    };
    update();
    const onClick = (event: MouseEvent) => {
      if (navigator.onLine !== false || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!link || link.origin !== window.location.origin || link.target || link.hasAttribute("download")) return;
      // The app would ask the server for the next page's data; the browser asks the service worker.
      event.stopPropagation();
    };
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    window.addEventListener("storage", update);
    window.addEventListener("bdhvs-outbox", update);
    window.addEventListener("click", onClick, true);
    const retry = window.setInterval(flushIfNeeded, 30_000);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
      window.removeEventListener("storage", update);
      window.removeEventListener("bdhvs-outbox", update);
      window.removeEventListener("click", onClick, true);
      window.clearInterval(retry);
    };
  }, []);

  return (
    <div className="offline-status" role="status">
      {show ? (
        <LazyBoundary fallback={null}>
          <Suspense fallback={null}>
            <OfflineNotices />
          </Suspense>
        </LazyBoundary>
      ) : null}
    </div>
  );
}
