import type { Metadata, Viewport } from "next";
import "../globals.css";
import { getLocale } from "@/lib/i18n/server";

// The portal's root layout: language from the person's choice. Public static pages have their own
// root layout in (info), so they can be prerendered.
export const metadata: Metadata = {
  title: { default: "Mine sider e-post", template: "%s · Mine sider e-post" },
  description: "Administrer e-postkontoene som følger med bredbåndet.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function PortalRootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
