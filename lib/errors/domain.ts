// Typed results for services: the route maps a code to a Norwegian message; nothing leaks a trace.
import type { Db, Tx } from "@/lib/db";
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    /** The form field the error belongs to, if any. */
    readonly field?: string,
    /** Several fields wrong at once: each field's own code, so a form can show them all together. */
    readonly fields?: Record<string, Code>,
  ) {
    super(code);
    this.name = "DomainError";
  }
}

export type Result<T, Code extends string> = { ok: true; value: T } | { ok: false; error: DomainError<Code> };

export const ok = <T>(value: T) => ({ ok: true as const, value });
export const fail = <Code extends string>(code: Code, field?: string) => ({
  ok: false as const,
  error: new DomainError(code, field),
});

/** Input problems of several fields at once; the first one is also the error's own code. */
export function invalidFields<Code extends string>(fields: Record<string, Code | null>) {
  const found = Object.fromEntries(Object.entries(fields).filter(([, c]) => c !== null)) as Record<string, Code>;
  const [first] = Object.entries(found);
  if (!first) return null;
  return { ok: false as const, error: new DomainError(first[1], first[0], found) };
}

/**
 * The one way a service runs its change (issue 15): one transaction; a DomainError thrown inside
 * (a refusal found under the locks) comes back as a typed refusal, and so does a unique key the
 * database refused, as `onUnique` names it (two requests that both wanted the same address).
 */
export async function inTransaction<T, Code extends string>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
  options: { onUnique?: { code: Code; field?: string } } = {},
): Promise<Result<T, Code>> {
  try {
    return ok(await db.$transaction(work, { timeout: 15_000 }));
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: error as DomainError<Code> };
    if (options.onUnique && isUniqueViolation(error)) return fail(options.onUnique.code, options.onUnique.field);
    throw error;
  }
}

/** Prisma's unique-constraint violation, also when it surfaces through the pg driver adapter. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as {
    code?: string;
    cause?: unknown;
    meta?: { driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } };
  };
  if (e.code === "P2002" || e.code === "23505") return true;
  const cause = e.meta?.driverAdapterError?.cause;
  return cause?.originalCode === "23505" || cause?.kind === "UniqueConstraintViolation";
}
