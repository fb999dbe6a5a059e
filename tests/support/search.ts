// What the search tests share: the parameters of a search for `q`, every filter off unless given.
import type { SearchParams } from "~/models/search.ts";

export const searchParams = (q: string, extra: Partial<SearchParams> = {}): SearchParams => ({
  q,
  espace: null,
  etape: null,
  motcle: null,
  defi: null,
  page: 1,
  ...extra,
});
