import { useRouteLoaderData } from "@remix-run/react";
import { useMemo, useSyncExternalStore } from "react";
import { catalogueVersion, DEFAULT_LOCALE, subscribeCatalogues, translator, type Locale } from "./i18n.ts";

type RootData = { locale: Locale };

export function useLocale(): Locale {
  return useRouteLoaderData<RootData>("root")?.locale ?? DEFAULT_LOCALE;
}

/** Re-renders the component when messages arrive (the browser loads the rest of its language lazily). */
export function useCatalogueVersion(): number {
  return useSyncExternalStore(subscribeCatalogues, catalogueVersion, catalogueVersion);
}

export function useT() {
  const locale = useLocale();
  // A new function when messages arrive, so that work memoised on `t` is done again with them.
  const version = useCatalogueVersion();
  return useMemo(() => translator(locale), [locale, version]);
}
