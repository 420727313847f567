// Reading a machine-to-machine request's body with its size limit enforced while reading: a
// sender that declares no Content-Length (chunked) is cut off at the limit, not read whole first.

/** The body, or null when it is larger than maxBytes (declared or as it arrives). */
export async function readBodyUpTo(request: Request, maxBytes: number): Promise<Buffer | null> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return null;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}
