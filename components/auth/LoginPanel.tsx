// A login page's body: title, lead, "you are logged out", and the login form with the code step.
// Customers, mailbox users and agents each have one; only the words and the provider differ.
import { LoginForm } from "@/components/auth/LoginForm";
import type { Messages } from "@/lib/i18n/nb";

type Props = {
  m: Messages;
  title: string;
  lead?: string;
  loggedOut: boolean;
  provider: "customer" | "mailbox" | "agent";
  identifierName: "identifier" | "address" | "email";
  target: string;
  identifier: { label: string; hint: string };
  invalid: string;
  missing: string;
};

export function LoginPanel({ m, title, lead, loggedOut, provider, identifierName, target, identifier, invalid, missing }: Props) {
  return (
    <div className="max-w-md space-y-6">
      <h1 className="text-3xl font-bold">{title}</h1>
      {lead && <p>{lead}</p>}
      {loggedOut && (
        <p role="status" className="rounded-md border-2 border-green-700 bg-green-50 p-3">
          {m.login.loggedOut}
        </p>
      )}
      <LoginForm
        lang={m.lang}
        provider={provider}
        identifierName={identifierName}
        target={target}
        labels={{
          identifier: identifier.label,
          identifierHint: identifier.hint,
          password: m.login.password,
          submit: m.login.submit,
          submitting: m.login.submitting,
          invalid,
          throttled: m.login.throttled,
          busy: m.login.busy,
          missing,
          failed: m.login.failed,
          code: m.twoFactor.code,
          codeHint: m.twoFactor.codeHint,
          codeInvalid: m.twoFactor.codeInvalid,
        }}
      />
    </div>
  );
}
