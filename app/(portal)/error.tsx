"use client";
// Every portal page's error boundary (issue 14): a page in the person's language with a way back.
import { ErrorPage } from "@/components/errors/ErrorPage";

export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPage digest={error.digest} reset={reset} />;
}
