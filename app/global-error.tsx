"use client";
// When even the root layout fails: a whole document of its own, with the same page.
import "./globals.css";
import { ErrorPage } from "@/components/errors/ErrorPage";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="nb">
      <body className="min-h-screen">
        <title>Noe gikk galt</title>
        <ErrorPage digest={error.digest} reset={reset} />
      </body>
    </html>
  );
}
