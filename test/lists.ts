// For tests under noUncheckedIndexedAccess: the one (or first) item a list must hold, or a failure
// that says so, instead of a TypeError further down.
export function first<T>(list: readonly T[], what = "item"): T {
  if (list.length === 0) throw new Error(`expected at least one ${what}, found none`);
  return list[0] as T;
}

/** A child process's or script's arguments, by name: all of them, or a failure naming the missing one. */
export function args<const K extends readonly string[]>(...names: K): { [I in keyof K]: string } {
  const given = process.argv.slice(2);
  names.forEach((name, i) => {
    if (!given[i]) throw new Error(`missing argument ${i + 1}: ${name}`);
  });
  return given.slice(0, names.length) as { [I in keyof K]: string };
}
