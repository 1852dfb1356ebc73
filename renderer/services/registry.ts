type Merged<M extends readonly object[]> = M extends readonly [infer First, ...infer Rest extends readonly object[]] ? First & Merged<Rest> : unknown;

/**
 * Services are registered as named groups (cases, decisions, linkageExchange …), as Actual Budget groups its
 * handlers per domain. Two modules registering the same group would silently shadow one another, so a duplicate
 * name is refused when the services are built — at unlock, and in every test that builds them.
 */
export function registerGroups<M extends readonly Record<string, object>[]>(...modules: M): Merged<M> {
  const groups: Record<string, object> = {};
  for (const module of modules) {
    for (const [name, group] of Object.entries(module)) {
      if (Object.hasOwn(groups, name)) throw new Error(`サービス「${name}」が二重に登録されています`);
      groups[name] = group;
    }
  }
  return groups as Merged<M>;
}
