import { Component, lazy, Suspense, type ReactNode } from "react";
import { useTranslation } from "~/i18n/react";

const Notice = lazy(() => import("./OfflineNotices").then((m) => ({ default: m.KeptOfflineNotice })));

/** If a lazily loaded part cannot load (offline, never fetched), show `fallback` instead of an error page. */
export class LazyBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** Under a quiz or practice whose answers were kept offline: waiting, then recorded. */
export function KeptOfflineNotice({ itemKey }: { itemKey: string }) {
  const { t } = useTranslation();
  const fallback = (
    <div role="status" className="alert">
      <p>{t("access:offline.queued")}</p>
    </div>
  );
  return (
    <LazyBoundary fallback={fallback}>
      <Suspense fallback={fallback}>
        <Notice itemKey={itemKey} />
      </Suspense>
    </LazyBoundary>
  );
}
