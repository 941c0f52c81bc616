import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { loadEngine } from "~/modules/access/read-aloud-store";
import { offlineSupported, savedPages, savePages } from "~/modules/access/service-worker";

type SaveState =
  { kind: "idle" } | { kind: "saving"; done: number; total: number } | { kind: "saved"; count: number } | { kind: "failed"; count: number };

/**
 * "Save this topic for offline use": the service worker fetches every page of the topic at once.
 * Shown only where a service worker can run (it cannot work without JavaScript). Says when the
 * topic is saved already.
 */
export function SaveForOffline({ paths }: { paths: string[] }) {
  const { t } = useTranslation();
  const [supported, setSupported] = useState(false);
  const [state, setState] = useState<SaveState>({ kind: "idle" });

  useEffect(() => {
    if (!offlineSupported()) return;
    setSupported(true);
    void savedPages(paths).then((saved) => {
      if (saved.size === paths.length) setState((s) => (s.kind === "idle" ? { kind: "saved", count: saved.size } : s));
    });
  }, [paths]);

  if (!supported) return null;
  const save = async () => {
    setState({ kind: "saving", done: 0, total: paths.length });
    // The read-aloud engine too, so listening works offline from the first time.
    void loadEngine().catch(() => undefined);
    const { saved, failed } = await savePages(paths, (done, total) => setState({ kind: "saving", done, total }));
    setState(failed ? { kind: "failed", count: failed } : { kind: "saved", count: saved });
  };
  return (
    <div className="offline-save">
      <button type="button" className="button" onClick={() => void save()} disabled={state.kind === "saving"}>
        {t("access:offline.save")}
      </button>
      <p role="status">
        {state.kind === "saving"
          ? t("access:offline.saving", { done: state.done, total: state.total })
          : state.kind === "saved"
            ? t("access:offline.saved", { count: state.count })
            : state.kind === "failed"
              ? t("access:offline.saveFailed", { count: state.count })
              : null}
      </p>
    </div>
  );
}
