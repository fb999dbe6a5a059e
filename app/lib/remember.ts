// A pure function's answers kept by key, for the few keys that come back on every request (dates of a list,
// relative times of a thread): read from `cache` if there, else computed and kept. Bounded: once `kept`
// answers are held, all are forgotten and the cache fills again (cheaper than tracking the oldest, and the
// recurring keys are back within one page). Only for answers that depend on nothing but the key.
export function remember<K, V>(cache: Map<K, V>, kept: number, key: K, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    if (cache.size >= kept) cache.clear();
    cache.set(key, value);
  }
  return value;
}
