// The favicon and the header's mark: the brand's own mark from configuration (issue 18).
import { brand } from "@/lib/env";
import { markSvg } from "@/lib/brand/theme";

export function GET() {
  return new Response(markSvg(brand()), {
    headers: { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
