/** The value kept under `key`, made by `make` and kept on first use (a memo keyed by a Map or WeakMap). */
export function cached<K, V>(map: Map<K, V>, key: K, make: () => V): V;
export function cached<K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V): V;
export function cached<K extends object, V>(map: Map<K, V> | WeakMap<K, V>, key: K, make: () => V): V {
  if (map.has(key)) return map.get(key) as V;
  const value = make();
  map.set(key, value);
  return value;
}
