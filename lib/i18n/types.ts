// Typed catalogues (issue 15): a message's placeholders are part of its type, read off the bokmål
// text itself, so `fill` is told by the compiler which values a message needs; and the English
// catalogue must use exactly the placeholders of the bokmål one, message by message.

/** The placeholder names of a message text: "Vent til {time}" → "time". */
export type Placeholders<S extends string> = S extends `${string}{${infer K}}${infer Rest}` ? K | Placeholders<Rest> : never;

declare const placeholders: unique symbol;
/** A message with placeholders: a template that must go through `fill` before it can be shown. */
export type Template<P extends string> = { readonly [placeholders]: P };
/** A message: plain text, or a template whose placeholder names are carried in its type only. */
export type Message<P extends string = never> = [P] extends [never] ? string : Template<P>;

/** A catalogue's shape, each text turned into a Message of its own placeholders. */
export type Shape<T> = T extends string
  ? Message<Placeholders<T>>
  : T extends readonly (infer E)[]
    ? readonly Shape<E>[]
    : { readonly [K in keyof T]: Shape<T[K]> };

/** Where two catalogues' placeholders differ: their paths, or never. Lists are compared item by item. */
export type PlaceholderMismatch<A, B, Path extends string = ""> = [A] extends [string]
  ? [B] extends [string]
    ? [Placeholders<A>] extends [Placeholders<B>]
      ? [Placeholders<B>] extends [Placeholders<A>]
        ? never
        : Path
      : Path
    : Path
  : [A] extends [readonly unknown[]]
    ? [B] extends [readonly unknown[]]
      ? {
          [I in keyof A]: I extends `${number}` ? PlaceholderMismatch<A[I], I extends keyof B ? B[I] : never, `${Path}[${I}]`> : never;
        }[number]
      : Path
    : { [K in keyof A & keyof B & string]: PlaceholderMismatch<A[K], B[K], `${Path}.${K}`> }[keyof A & keyof B & string];

/** For a group of messages: the values of each one that has placeholders, so the compiler asks for exactly those. */
export type ValuesFor<T> = {
  readonly [K in keyof T as T[K] extends Template<string> ? K : never]: T[K] extends Template<infer P>
    ? { readonly [Q in P]: string | number }
    : never;
};

/** A catalogue's keys with every text any string: what another language's catalogue must provide. */
export type Keys<T> = T extends string
  ? string
  : T extends readonly (infer E)[]
    ? readonly Keys<E>[]
    : { readonly [K in keyof T]: Keys<T[K]> };

/** A message that depends on a count: the forms the language's plural rules pick from. */
export type Plural<P extends string> = { readonly one: Template<P>; readonly other: Template<P> };
