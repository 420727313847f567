// The size limit holds while the body arrives, also when no Content-Length was sent.
import { describe, expect, it } from "vitest";
import { readBodyUpTo } from "@/lib/http/body";

/** A chunked request body of `chunks` pieces of 64 KiB; notes how many were asked for. */
function streamed(chunks: number) {
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled++ === chunks) return controller.close();
      controller.enqueue(new Uint8Array(64 * 1024).fill(65));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { request: new Request("http://localhost/", { method: "POST", body, duplex: "half" } as RequestInit), seen };
}

describe("readBodyUpTo", () => {
  it("returns the whole body when it is within the limit", async () => {
    const { request } = streamed(4);
    expect((await readBodyUpTo(request, 256 * 1024))?.length).toBe(256 * 1024);
  });

  it("stops reading an endless chunked body just past the limit", async () => {
    const { request, seen } = streamed(1_000_000);
    expect(await readBodyUpTo(request, 1024 * 1024)).toBeNull();
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(20);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const request = new Request("http://localhost/", { method: "POST", body: "x".repeat(10), headers: { "content-length": "2000000" } });
    expect(await readBodyUpTo(request, 1024 * 1024)).toBeNull();
    expect(request.bodyUsed).toBe(false);
  });

  it("reads an empty body as empty", async () => {
    expect((await readBodyUpTo(new Request("http://localhost/", { method: "POST" }), 10))?.length).toBe(0);
  });
});
