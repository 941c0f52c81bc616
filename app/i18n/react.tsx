import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { I18n, TFunction } from "./i18n";

/**
 * React access to the page's translator. A dozen lines instead of react-i18next: the locale
 * of a page never changes while it is shown (switching language loads the other locale's URL), so
 * nothing needs to subscribe to language changes, and the lesson page stays under its JS budget.
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
