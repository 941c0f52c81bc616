import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/**
 * Reloads the page's data every `seconds` while the page is visible: the instructor sees learners'
 * progress arrive without touching anything. Without JavaScript a plain page refresh does the same.
 */
export function useAutoRefresh(seconds: number, enabled = true) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (!enabled) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible" && state === "idle") revalidate();
    }, seconds * 1000);
    return () => window.clearInterval(timer);
  }, [enabled, revalidate, seconds, state]);
}
