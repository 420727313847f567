"use client";
// The login form posts through next-auth's credentials callback (which checks its CSRF token).
// Every check happens on the server; this only shows the outcome.
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { fill, formatTime } from "@/lib/i18n/format";
import type { Template } from "@/lib/i18n/types";
import { buttonClass } from "@/components/ui/buttons";

type Labels = {
  identifier: string;
  identifierHint: string;
  password: string;
  submit: string;
  submitting: string;
  invalid: string;
  throttled: Template<"time">;
  missing: string;
  failed: string;
  /** Too many logins at once: try again in a moment. */
  busy: string;
  /** The second step, for accounts that have two-factor login. */
  code: string;
  codeHint: string;
  codeInvalid: string;
};

type Props = {
  labels: Labels;
  lang: string;
  /** next-auth provider, the name of the identifier field, and where a signed-in person goes. */
  provider?: "customer" | "mailbox" | "agent";
  identifierName?: "identifier" | "address" | "email";
  target?: string;
};

export function LoginForm({
  labels,
  lang,
  provider = "customer",
  identifierName = "identifier",
  target = "/mine-sider/internett/e-postkontoer",
}: Props) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [askCode, setAskCode] = useState(false);
  // Bumped each time the server asks for a code: the field takes focus once it is on the page.
  const [codeAsked, setCodeAsked] = useState(0);
  const codeRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const router = useRouter();
  useEffect(() => {
    if (codeAsked > 0) codeRef.current?.focus();
  }, [codeAsked]);

  function show(message: string) {
    setError(message);
    setPending(false);
    requestAnimationFrame(() => errorRef.current?.focus());
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const identifier = String(data.get("identifier") ?? "").trim();
    const password = String(data.get("password") ?? "");
    if (!identifier || !password) return show(labels.missing);
    setPending(true);
    setError(null);
    try {
      const code = String(data.get("code") ?? "");
      const result = await signIn(provider, { [identifierName]: identifier, password, ...(askCode ? { code } : {}), redirect: false });
      if (result?.ok && !result.error) {
        router.replace(target);
        return;
      }
      const reply = result?.error ?? "";
      if (reply === "CODE_REQUIRED" || reply === "CODE_INVALID") {
        setAskCode(true);
        setPending(false);
        setError(reply === "CODE_INVALID" ? labels.codeInvalid : null);
        setCodeAsked((n) => n + 1);
        return;
      }
      if (reply.startsWith("THROTTLED:")) {
        return show(fill(labels.throttled, { time: formatTime(new Date(reply.slice("THROTTLED:".length)), lang) }));
      }
      show(reply === "CredentialsSignin" ? labels.invalid : reply === "BUSY" ? labels.busy : labels.failed);
    } catch {
      show(labels.failed);
    }
  }

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
      {error && (
        <p
          ref={errorRef}
          tabIndex={-1}
          role="alert"
          className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-semibold text-red-800"
        >
          {error}
        </p>
      )}
      <div className="space-y-1">
        <label htmlFor="identifier" className="block font-semibold">
          {labels.identifier}
        </label>
        <p id="identifier-hint" className="text-sm text-slate-700">
          {labels.identifierHint}
        </p>
        <input
          id="identifier"
          name="identifier"
          autoComplete={identifierName === "identifier" ? "username" : "email"}
          aria-describedby="identifier-hint"
          aria-invalid={error ? true : undefined}
          className="w-full rounded-md border-2 border-slate-600 px-3 py-2"
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="password" className="block font-semibold">
          {labels.password}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={error ? true : undefined}
          className="w-full rounded-md border-2 border-slate-600 px-3 py-2"
        />
      </div>
      {askCode && (
        <div className="space-y-1">
          <label htmlFor="code" className="block font-semibold">
            {labels.code}
          </label>
          <p id="code-hint" className="text-sm text-slate-700">
            {labels.codeHint}
          </p>
          <input
            ref={codeRef}
            id="code"
            name="code"
            inputMode="text"
            autoComplete="one-time-code"
            aria-describedby="code-hint"
            className="w-full rounded-md border-2 border-slate-600 px-3 py-2"
          />
        </div>
      )}
      <button type="submit" aria-disabled={pending} className={buttonClass("primary")}>
        {pending ? labels.submitting : labels.submit}
      </button>
    </form>
  );
}
