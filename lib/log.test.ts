// The log's shape (issue 19): one JSON line per event with time, level, process and the caller's
// fields; a field that could hold a secret is blanked even when a caller passes one by mistake.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger(destination) };
}

describe("the log", () => {
  it("writes one JSON line per event with the request id and the actor", () => {
    const { lines, logger } = capture();
    logger.info({ requestId: "r-1", actor: { kind: "CUSTOMER", id: "c-1" } }, "mailbox created");
    logger.error({ err: new Error("boom"), requestId: "r-2" }, "machine route failed");
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(first).toMatchObject({ level: "info", msg: "mailbox created", requestId: "r-1", actor: { kind: "CUSTOMER", id: "c-1" } });
    expect(first.process).toBeTypeOf("string");
    expect(new Date(first.time).toISOString()).toBe(first.time);
    expect(second).toMatchObject({ level: "error", requestId: "r-2", err: { message: "boom", type: "Error" } });
  });

  it("blanks passwords, tokens, codes and keys, at the top and one level down", () => {
    const { lines, logger } = capture();
    logger.warn({ password: "blåbær-fjellvann", body: { token: "abc123", code: "123456" }, key: "k" }, "odd request");
    const line = lines[0]!;
    for (const secret of ["blåbær-fjellvann", "abc123", "123456", '"k"']) expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({ password: "[skjult]", body: { token: "[skjult]", code: "[skjult]" }, key: "[skjult]" });
  });
});
