// Attachments the mail platform refuses (R-ATT-1, R-ATT-2, R-ACC-6), pure. By name: the extension
// list, case-insensitive, and for double extensions the last one counts ("faktura.pdf.exe"). By
// content, whatever the name: what a maintained detector (file-type) recognises, plus the
// signatures it lacks (ISO 9660, Windows registry files, shell self-extractors).
import { POLICY } from "@/lib/policy";

/** R-ATT-1, as the rule book lists it. */
export const REFUSED_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    ".jar .ade .adp .app .asp .bas .bat .chm .cmd .com .cpl .csh .exe .fxp .hlp .hta .inf .ins " +
    ".isp .its .js .jse .ksh .lnk .mad .maf .mag .mam .maq .mar .mas .mat .mau .mav .maw .mda " +
    ".mdb .mde .mdt .mdw .mdz .msc .msi .msp .mst .ops .pcd .pif .prf .prg .pst .reg .scf .scr " +
    ".sct .shb .shs .tmp .vb .vbe .vbs .vsmacros .vss .vst .vsw .ws .wsc .wsf .wsh .lib .sys " +
    ".vxd .ace"
  )
    .split(/\s+/)
    .filter(Boolean)
    .map((e) => e.slice(1)),
);

/** R-ATT-2's kinds of content. */
export type RefusedContent = "executable" | "elf" | "selfExtract" | "registry" | "iso9660";

/** What the detector said (file-type's answer), if anything. */
export type Detected = { ext: string; mime: string } | undefined;

export type AttachmentVerdict =
  | { refused: false }
  | {
      refused: true;
      reasons: ({ by: "extension"; extension: string } | { by: "content"; kind: RefusedContent } | { by: "size"; maxBytes: number })[];
    };

/** The extension that counts: the last one, lower case ("Faktura.PDF.Exe" → "exe"). */
export function lastExtension(name: string): string | null {
  const base =
    name
      .trim()
      .replace(/[\s.]+$/, "")
      .split(/[\\/]/)
      .pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 || (dot === 0 && base.length > 1) ? base.slice(dot + 1).toLowerCase() : null;
}

const ascii = (head: Uint8Array, from: number, length: number) => String.fromCharCode(...head.subarray(from, from + length));

/** Signatures file-type does not know; `head` is the start of the file (64 KB is plenty). */
export function extraSignature(head: Uint8Array): RefusedContent | null {
  // ISO 9660: a volume descriptor "CD001" at byte 32769 (after the 32 KB system area).
  if (head.length >= 32774 && ascii(head, 32769, 5) === "CD001") return "iso9660";
  // Windows registry: a hive ("regf") or an export from regedit, plain or UTF-16 with a BOM.
  const text = head[0] === 0xff && head[1] === 0xfe ? new TextDecoder("utf-16le").decode(head.subarray(2, 200)) : ascii(head, 0, 200);
  if (ascii(head, 0, 4) === "regf" || /^(Windows Registry Editor Version 5\.00|REGEDIT4)/.test(text.replace(/^\uFEFF/, "")))
    return "registry";
  // Shell self-extractors (makeself and the like): a script with an archive appended.
  if (ascii(head, 0, 2) === "#!" && /makeself|self-extract/i.test(ascii(head, 0, Math.min(head.length, 4096)))) return "selfExtract";
  return null;
}

/** The detector's answer, as R-ATT-2's kinds. */
export function contentKind(detected: Detected, head: Uint8Array): RefusedContent | null {
  if (detected) {
    if (detected.ext === "elf" || detected.mime === "application/x-elf") return "elf";
    if (
      ["exe", "dll", "msi"].includes(detected.ext) ||
      detected.mime === "application/x-msdownload" ||
      detected.mime === "application/vnd.microsoft.portable-executable"
    )
      return "executable";
    if (detected.ext === "mach" || detected.ext === "macho" || detected.mime === "application/x-mach-binary") return "executable";
    if (detected.ext === "iso" || detected.mime === "application/x-iso9660-image") return "iso9660";
  }
  return extraSignature(head);
}

/** R-ATT-1, R-ATT-2, R-ACC-6: would the mail platform refuse this attachment, and why. */
export function attachmentVerdict(file: { name: string; size: number; head: Uint8Array; detected: Detected }): AttachmentVerdict {
  const reasons: Extract<AttachmentVerdict, { refused: true }>["reasons"] = [];
  const extension = lastExtension(file.name);
  if (extension && REFUSED_EXTENSIONS.has(extension)) reasons.push({ by: "extension", extension });
  const kind = contentKind(file.detected, file.head);
  if (kind) reasons.push({ by: "content", kind });
  if (file.size > POLICY.mailboxes.maxMessageBytes) reasons.push({ by: "size", maxBytes: POLICY.mailboxes.maxMessageBytes });
  return reasons.length ? { refused: true, reasons } : { refused: false };
}
