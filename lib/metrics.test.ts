import { describe, expect, it } from "vitest";
import { routeLabeller } from "@/lib/metrics";

describe("metrics' route labels (issue 19)", () => {
  const label = routeLabeller([
    "/mine-sider/internett/e-postkontoer",
    "/mine-sider/internett/e-postkontoer/[id]",
    "/mine-sider/internett/e-postkontoer/ny",
    "/cleanmail/l/[token]",
    "/favicon.svg",
    "/[...missing]",
  ]);

  it("name the app's route pattern, never the id or token in the path", () => {
    expect(label("/mine-sider/internett/e-postkontoer")).toBe("/mine-sider/internett/e-postkontoer");
    expect(label("/mine-sider/internett/e-postkontoer/ny")).toBe("/mine-sider/internett/e-postkontoer/ny");
    expect(label("/mine-sider/internett/e-postkontoer/3f1c0d2e-0000-4000-8000-000000000000")).toBe(
      "/mine-sider/internett/e-postkontoer/[id]",
    );
    expect(label("/cleanmail/l/hemmelig-token")).toBe("/cleanmail/l/[token]");
    expect(label("/favicon.svg")).toBe("/favicon.svg");
    expect(label("/faviconXsvg")).toBe("/[...missing]");
  });

  it("put everything else in a bounded few", () => {
    expect(label("/_next/static/chunks/abc.js")).toBe("/_next/static");
    expect(label("/readyz")).toBe("/readyz");
    expect(label("/finnes/ikke/123")).toBe("/[...missing]");
    expect(routeLabeller(["/a"])("/b")).toBe("other");
  });
});
