"use client";
// What people see when something went wrong inside (the database is away, a bug): in their
// language, with a way back and a reference customer service can look up in the server's log
// (Next.js's digest of the error). Never the error's own text.
import Link from "next/link";
import { useSyncExternalStore } from "react";
import { fill } from "@/lib/i18n/format";
import { buttonClass } from "@/components/ui/buttons";

const TEXT = {
  nb: {
    title: "Noe gikk galt hos oss",
    lead: "Vi klarte ikke å vise siden akkurat nå. Ingenting du har lagret er borte. Prøv igjen om litt.",
    retry: "Prøv igjen",
    home: "Til forsiden",
    reference: "Oppgi referansen {ref} hvis du kontakter kundeservice.",
  },
  en: {
    title: "Something went wrong on our side",
    lead: "We could not show this page just now. Nothing you saved is lost. Please try again shortly.",
    retry: "Try again",
    home: "To the front page",
    reference: "Quote the reference {ref} if you contact customer service.",
  },
} as const;

const noChange = () => () => {};

export function ErrorPage({ digest, reset }: { digest?: string; reset: () => void }) {
  // The page's language as the browser has it (the server's first answer is in bokmål).
  const lang = useSyncExternalStore(
    noChange,
    () => (document.documentElement.lang === "en" ? "en" : "nb"),
    () => "nb" as const,
  );
  const t = TEXT[lang];
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-2xl space-y-4 px-4 py-12">
      <h1 className="text-3xl font-bold">{t.title}</h1>
      <p>{t.lead}</p>
      <div className="flex flex-wrap gap-4">
        <button type="button" onClick={reset} className={buttonClass("primary")}>
          {t.retry}
        </button>
        <Link href="/" className="self-center">
          {t.home}
        </Link>
      </div>
      {digest && <p className="text-sm">{fill(t.reference, { ref: digest })}</p>}
    </main>
  );
}
