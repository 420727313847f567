import type { Metadata, Viewport } from "next";
import "../globals.css";

// Root layout of the public information pages: prerendered at build time, in bokmål.
export const metadata: Metadata = {
  title: { default: "Mine sider e-post", template: "%s · Mine sider e-post" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function InfoRootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="nb">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
