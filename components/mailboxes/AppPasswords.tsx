// The mailbox user's app passwords (R-SEC-6): what each is for, when it was made and last used,
// a way to delete each, a way to make one, and (with two-factor login on) requiring them.
import { AppPasswordForm } from "@/components/mailboxes/AppPasswordForm";
import { Flash } from "@/components/mailboxes/Flash";
import type { CreatedAppPasswordState } from "@/lib/forms/app-passwords";
import { fill, formatDate, plural } from "@/lib/i18n/format";
import { LastLogin } from "@/components/mailboxes/StorageBar";
import type { Messages } from "@/lib/i18n/nb";
import type { AppPasswordRow } from "@/lib/mailboxes/app-passwords";
import { POLICY } from "@/lib/policy";
import { buttonClass } from "@/components/ui/buttons";

type Props = {
  m: Messages;
  list: { passwords: AppPasswordRow[]; required: boolean; max: number };
  twoFactorOn: boolean;
  flash: string | null;
  servers: { imap: string; smtp: string };
  createAction: (s: CreatedAppPasswordState, f: FormData) => Promise<CreatedAppPasswordState>;
  revokeAction: (f: FormData) => Promise<void>;
  requireAction: (f: FormData) => Promise<void>;
};

export function AppPasswords({ m, list, twoFactorOn, flash, servers, createAction, revokeAction, requireAction }: Props) {
  const a = m.appPasswords;
  const full = list.passwords.length >= list.max;
  return (
    <section id="apppassord" aria-labelledby="app-passwords-heading" className="space-y-4">
      <h2 id="app-passwords-heading" className="text-xl font-semibold">
        {a.heading}
      </h2>
      <p>{a.lead}</p>
      <Flash message={flash} />
      <p className="text-sm text-slate-700">{plural(a.count, m.lang, { count: list.passwords.length, max: list.max })}</p>
      {list.passwords.length === 0 ? (
        <p>{a.empty}</p>
      ) : (
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">{a.listCaption}</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="py-2 pr-4">
                {a.columns.name}
              </th>
              <th scope="col" className="py-2 pr-4">
                {a.columns.created}
              </th>
              <th scope="col" className="py-2 pr-4">
                {a.columns.lastUsed}
              </th>
              <th scope="col" className="py-2">
                <span className="sr-only">{a.revoke}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.passwords.map((p) => (
              <tr key={p.id} className="border-b border-slate-200">
                <td className="py-2 pr-4 break-all">{p.name}</td>
                <td className="py-2 pr-4">{formatDate(p.createdAt, m.lang)}</td>
                <td className="py-2 pr-4">
                  <LastLogin m={m} login={p.lastUsedAt && { at: p.lastUsedAt, protocol: p.lastProtocol }} never={a.never} />
                </td>
                <td className="py-2">
                  <form action={revokeAction}>
                    <input type="hidden" name="appPasswordId" value={p.id} />
                    <button
                      type="submit"
                      aria-label={fill(a.revokeLabel, { name: p.name })}
                      className="rounded-md border-2 border-red-800 px-3 py-1 font-semibold text-red-800"
                    >
                      {a.revoke}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {full ? (
        <p>{fill(a.errors.limitReached, { max: list.max })}</p>
      ) : (
        <AppPasswordForm
          action={createAction}
          field={{
            name: "name",
            label: a.nameLabel,
            hint: fill(a.nameHint, { max: POLICY.appPasswords.nameMaxLength }),
            autoComplete: "off",
          }}
          labels={{
            submit: a.create,
            saving: a.creating,
            errorSummary: m.form.errorSummary,
            createdTitle: a.createdTitle,
            createdLead: a.createdLead,
            copy: a.copy,
            copied: a.copied,
            settings: fill(a.settings, servers),
            done: a.done,
          }}
          doneHref="/e-post/innstillinger?apppassord=laget#apppassord"
        />
      )}
      <h3 className="text-lg font-semibold">{a.requireHeading}</h3>
      <p>{a.requireLead}</p>
      {list.required && twoFactorOn && <p className="font-semibold">{a.requiredNow}</p>}
      {twoFactorOn ? (
        <form action={requireAction}>
          <input type="hidden" name="require" value={list.required ? "off" : "on"} />
          <button type="submit" className={buttonClass("secondary")}>
            {list.required ? a.requireOff : a.requireOn}
          </button>
        </form>
      ) : (
        <p className="text-sm text-slate-700">{a.requireNeedsTwoFactor}</p>
      )}
    </section>
  );
}
