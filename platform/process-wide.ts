/**
 * One value per server process, whichever copy of the calling module asks. The server's bundles hold several
 * copies of a module (one per route chunk): module-level state would be per copy, so a limit would hold per route,
 * not per process. The value lives on globalThis under a symbol from the global registry.
 */
export function processWide<T>(name: string, create: () => T): T {
  const key = Symbol.for(`verdict.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  if (store[key] === undefined) store[key] = create();
  return store[key];
}
