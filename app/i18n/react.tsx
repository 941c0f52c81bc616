import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { I18n, TFunction } from "./i18n";

/**
 * React access to the page's i18next instance. A dozen lines instead of react-i18next (1.8 KB of
 * brotli-compressed JavaScript on every page for its provider and hook, measured): the locale of a
 * page never changes while it is shown (switching language loads the other locale's URL) and its
 * strings are loaded before it renders, so nothing needs to subscribe to changes or suspend.
 */
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ i18n, children }: { i18n: I18n; children: ReactNode }) {
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useTranslation(): { t: TFunction; i18n: I18n } {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useTranslation() needs an <I18nProvider> above it");
  return useMemo(() => ({ t: i18n.t, i18n }), [i18n]);
}
