// The attachment check with the detector: file-type reads the start of the file, the pure rules
// decide (lib/attachments/rules.ts). Runs the same in the browser (the checker page: files never
// leave the device) and on the server (the quarantine intake).
import { fileTypeFromBuffer } from "file-type";
import { attachmentVerdict, type AttachmentVerdict } from "@/lib/attachments/rules";

/** Enough of a file for every signature we look for (ISO 9660 sits at 32 KB). */
export const HEAD_BYTES = 64 * 1024;

export async function checkAttachment(name: string, size: number, head: Uint8Array): Promise<AttachmentVerdict> {
  const start = head.subarray(0, HEAD_BYTES);
  const detected = await fileTypeFromBuffer(start).catch(() => undefined);
  return attachmentVerdict({ name, size, head: start, detected: detected && { ext: detected.ext, mime: detected.mime } });
}
