// The web app manifest: the brand's name and colour, and its icons, from configuration.
import type { MetadataRoute } from "next";
import { brand } from "@/lib/env";
import { messagesFor } from "@/lib/i18n/catalogues";

export const dynamic = "force-dynamic";

export default function manifest(): MetadataRoute.Manifest {
  const b = brand();
  const m = messagesFor("nb");
  return {
    name: `${b.name} · ${m.app.name}`,
    short_name: m.app.name,
    description: m.app.description,
    lang: "nb",
    start_url: "/mine-sider/internett/e-postkontoer",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: b.light.primary,
    icons: [
      { src: "/favicon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/apple-icon", sizes: "180x180", type: "image/png" },
    ],
  };
}
