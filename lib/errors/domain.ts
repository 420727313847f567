// Typed results for services: the route maps a code to a Norwegian message; nothing leaks a trace.
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    /** The form field the error belongs to, if any. */
    readonly field?: string,
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

/** Prisma's unique-constraint violation, also when it surfaces through the pg driver adapter. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: string; cause?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } } };
  if (e.code === "P2002" || e.code === "23505") return true;
  const cause = e.meta?.driverAdapterError?.cause;
  return cause?.originalCode === "23505" || cause?.kind === "UniqueConstraintViolation";
}
