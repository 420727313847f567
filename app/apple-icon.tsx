// The home-screen icon (iPhone, iPad, Android): the brand's mark as a PNG, from configuration
// (issue 18, 19). Rendered per request, since the brand is read at run time, and cached a day.
import { ImageResponse } from "next/og";
import { brand } from "@/lib/env";

export const dynamic = "force-dynamic";
export const size = { width: 180, height: 180 };
export const contentType = "image/png";

export default function AppleIcon() {
  const b = brand();
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        alignItems: "center",
        justifyContent: "flex-end",
        background: b.light.primary,
        borderTop: `14px solid ${b.light.accent}`,
        color: "#ffffff",
        fontSize: 110,
        fontWeight: 700,
        paddingBottom: 10,
      }}
    >
      {b.initial}
    </div>,
    { ...size, headers: { "cache-control": "public, max-age=86400" } },
  );
}
