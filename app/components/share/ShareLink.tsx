import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import type { SiteInfo } from "~/modules/seo/meta";

/** This page's public address (the canonical one, from PUBLIC_URL): what a share sends. */
export function usePageUrl(pathname: string): string {
  const root = useRouteLoaderData("root") as { site?: SiteInfo } | undefined;
  return `${root?.site?.origin ?? ""}${pathname}`;
}

/**
 * "Chia sẻ": the link, always shown as a plain link the person can press and hold to copy (all
 * there is without JavaScript); with JavaScript, a button that opens the phone's share sheet
 * (Web Share API: Zalo, Messenger…) or, where there is none, copies the link and says so.
 */
export function ShareLink({ url, title, label }: { url: string; title?: string; label: string }) {
  const { t } = useTranslation();
  const [ready, setReady] = useState(false);
  const [status, setStatus] = useState<"" | "copied" | "failed">("");
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => setReady(true), []);

  const share = async () => {
    setStatus("");
    if (navigator.share) {
      // Closing the share sheet rejects: nothing to say then.
      await navigator.share(title ? { title, url } : { url }).catch(() => undefined);
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      setStatus("copied");
    } catch {
      // No clipboard (plain HTTP, an old browser): select the link, ready for the phone's own Copy.
      if (link.current) window.getSelection()?.selectAllChildren(link.current);
      setStatus("failed");
    }
  };

  return (
    <div className="share">
      <p>
        <span className="share-label">{label}:</span>{" "}
        <a href={url} ref={link}>
          {url}
        </a>
      </p>
      {ready ? (
        <>
          <button type="button" className="button" onClick={() => void share()}>
            {t("share.button")}
          </button>
          {/* A live region, not role="status": the page's own status message stays the only one. */}
          <p aria-live="polite">{status ? t(`share.${status}`) : null}</p>
        </>
      ) : null}
    </div>
  );
}
