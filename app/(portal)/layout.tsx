import type { Metadata, Viewport } from "next";
import "../globals.css";
import { getLocale, getMessages } from "@/lib/i18n/server";
import { brand } from "@/lib/env";
import { themeCss } from "@/lib/brand/theme";

// The portal's root layout: language from the person's choice, for the page and its title.
export async function generateMetadata(): Promise<Metadata> {
  const m = await getMessages();
  return {
    title: { default: m.app.name, template: `%s · ${m.app.name}` },
    description: m.app.description,
    icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" }, apple: "/apple-icon" },
    manifest: "/manifest.webmanifest",
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function PortalRootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <head>
        {/* The brand's colours, light and dark, from configuration (issue 18). */}
        <style dangerouslySetInnerHTML={{ __html: themeCss(brand()) }} />
      </head>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
