import type { Metadata, Viewport } from "next";
import "../globals.css";
import { getLocale, getMessages } from "@/lib/i18n/server";

// The portal's root layout: language from the person's choice, for the page and its title.
export async function generateMetadata(): Promise<Metadata> {
  const m = await getMessages();
  return { title: { default: m.app.name, template: `%s · ${m.app.name}` }, description: m.app.description };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function PortalRootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
