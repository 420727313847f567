// R-ATT-1, R-ATT-2, R-ACC-6 with real sample files made here: a copy of this machine's `ls` (an ELF
// binary) under an innocent name, an ISO 9660 image built byte by byte, a registry export, a
// Windows executable header, a shell self-extractor, and harmless files.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkAttachment } from "@/lib/attachments/check";
import { lastExtension, REFUSED_EXTENSIONS } from "@/lib/attachments/rules";

const check = (name: string, bytes: Uint8Array, size = bytes.length) => checkAttachment(name, size, bytes);

function isoImage(): Uint8Array {
  const image = new Uint8Array(36 * 1024);
  image.set([0x01, ...Buffer.from("CD001"), 0x01], 32768); // primary volume descriptor
  image.set([0xff, ...Buffer.from("CD001"), 0x01], 34816); // terminator
  return image;
}

function windowsExe(): Uint8Array {
  const exe = Buffer.alloc(1024);
  exe.write("MZ", 0, "latin1");
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write("PE\0\0", 0x80, "latin1");
  return exe;
}

describe("attachment verdicts", () => {
  it("refuses every extension of R-ATT-1, case-insensitive, also as the last of two", async () => {
    expect(REFUSED_EXTENSIONS.size).toBe(73); // every one the rule book lists
    for (const ext of REFUSED_EXTENSIONS) {
      expect(await check(`fil.${ext.toUpperCase()}`, Buffer.from("hei")), ext).toMatchObject({
        refused: true,
        reasons: [{ by: "extension", extension: ext }],
      });
    }
    expect(await check("faktura.pdf.exe", Buffer.from("%PDF-1.7\n"))).toMatchObject({
      refused: true,
      reasons: [{ by: "extension", extension: "exe" }],
    });
    expect(await check("faktura.exe.pdf", Buffer.from("%PDF-1.7\n"))).toEqual({ refused: false });
    expect(lastExtension("rapport.")).toBeNull();
    expect(lastExtension("Arkiv.TAR.GZ")).toBe("gz");
  });

  it("refuses by content whatever the name: ELF, Windows executables, ISO 9660, registry files, self-extractors", async () => {
    const elf = readFileSync("/bin/ls");
    expect(await check("feriebilder.jpg", elf)).toMatchObject({ refused: true, reasons: [{ by: "content", kind: "elf" }] });
    expect(await check("notat.txt", windowsExe())).toMatchObject({ refused: true, reasons: [{ by: "content", kind: "executable" }] });
    expect(await check("film.mp4", isoImage())).toMatchObject({ refused: true, reasons: [{ by: "content", kind: "iso9660" }] });
    expect(
      await check("innstillinger.txt", Buffer.from("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\X]\r\n")),
    ).toMatchObject({ refused: true, reasons: [{ by: "content", kind: "registry" }] });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Windows Registry Editor Version 5.00\r\n", "utf16le")]);
    expect(await check("x.dat", utf16)).toMatchObject({ refused: true, reasons: [{ by: "content", kind: "registry" }] });
    expect(await check("installer.sh", Buffer.from("#!/bin/sh\n# This script was generated using Makeself 2.4.5\n"))).toMatchObject({
      refused: true,
      reasons: [{ by: "content", kind: "selfExtract" }],
    });
    // Both reasons at once.
    expect(await check("a.pdf.exe", windowsExe())).toMatchObject({
      refused: true,
      reasons: [{ by: "extension" }, { by: "content", kind: "executable" }],
    });
  });

  it("lets ordinary files through, and refuses what is larger than 18 MB (R-ACC-6)", async () => {
    for (const [name, bytes] of [
      ["brev.pdf", Buffer.from("%PDF-1.7\n%âãÏÓ\n")],
      ["bilde.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
      ["notat.txt", Buffer.from("Husk melk.")],
      ["skript.sh", Buffer.from("#!/bin/sh\necho hei\n")],
    ] as const) {
      expect(await check(name, bytes), name).toEqual({ refused: false });
    }
    expect(await check("stor.pdf", Buffer.from("%PDF-1.7\n"), 18 * 1024 * 1024 + 1)).toMatchObject({
      refused: true,
      reasons: [{ by: "size" }],
    });
  });
});
