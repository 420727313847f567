// Redirect targets (issue 14, item 10): only paths on this site get through, however encoded.
import { describe, expect, it } from "vitest";
import { sameSitePath } from "@/lib/http/redirect";

describe("sameSitePath", () => {
  it.each([
    ["/mine-sider/internett/e-postkontoer", "/mine-sider/internett/e-postkontoer"],
    ["/hjelp/oppsett?klient=thunderbird#smtp", "/hjelp/oppsett?klient=thunderbird#smtp"],
    ["/", "/"],
  ])("keeps %j", (input, expected) => expect(sameSitePath(input)).toBe(expected));

  it.each([
    "/\\evil.example/x",
    "/%5Cevil.example/x",
    "/%5cevil.example",
    "//evil.example/x",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "/x%0d%0aSet-Cookie:a=b",
    "/%E0%A4%A",
    "",
    undefined,
    42,
  ])("refuses %j", (input) => expect(sameSitePath(input, "/fallback")).toBe("/fallback"));
});
