// The two-factor section of an account's settings: on or off, how many recovery codes are left,
// new recovery codes, and switching it off (not offered where it is mandatory).
import { POLICY } from "@/lib/policy";
import Link from "next/link";
import { ActionForm } from "@/components/form/ActionForm";
import { RecoveryCodesForm } from "@/components/two-factor/RecoveryCodesForm";
import { plural } from "@/lib/i18n/format";
import type { ActionState } from "@/lib/forms/action-state";
import type { Messages } from "@/lib/i18n/nb";
import type { CodesState } from "@/lib/forms/two-factor";

type Props = {
  m: Messages;
  status: { on: boolean; recoveryCodesLeft: number };
  enrolHref: string;
  /** Where "done" goes after new recovery codes: this page. */
  selfHref: string;
  regenerateAction: (s: CodesState, f: FormData) => Promise<CodesState>;
  /** Omitted where two-factor login is mandatory (agents). */
  disableAction?: (s: ActionState, f: FormData) => Promise<ActionState>;
  offLead: string;
  onLead: string;
  passwordLabel: string;
};

export function TwoFactorSettings({
  m,
  status,
  enrolHref,
  selfHref,
  regenerateAction,
  disableAction,
  offLead,
  onLead,
  passwordLabel,
}: Props) {
  const t = m.twoFactor;
  const stepUp = [
    { name: "currentPassword", label: passwordLabel, type: "password" as const, autoComplete: "current-password" },
    { name: "code", label: t.code, hint: t.codeHint, autoComplete: "one-time-code" },
  ];
  return (
    <section aria-labelledby="two-factor-heading" className="space-y-3">
      <h2 id="two-factor-heading" className="text-xl font-semibold">
        {t.heading}
      </h2>
      {!status.on ? (
        <>
          <p>{offLead}</p>
          <p>
            <Link href={enrolHref} className="font-semibold">
              {t.enrol}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>
            {onLead} {plural(t.codesLeft, m.lang, { count: status.recoveryCodesLeft, total: POLICY.twoFactor.recoveryCodes })}
          </p>
          <h3 className="pt-2 font-semibold">{t.regenerateHeading}</h3>
          <p>{t.regenerateLead}</p>
          <RecoveryCodesForm
            id="new-recovery-codes"
            action={regenerateAction}
            doneHref={selfHref}
            variant="secondary"
            fields={stepUp}
            labels={{
              submit: t.regenerate,
              saving: m.form.saving,
              errorSummary: m.form.errorSummary,
              recoveryTitle: t.recoveryTitle,
              recoveryLead: t.recoveryNewLead,
              print: t.print,
              download: t.download,
              done: t.done,
            }}
          />
          {disableAction && (
            <>
              <h3 className="pt-2 font-semibold">{t.disableHeading}</h3>
              <ActionForm
                id="disable-two-factor"
                action={disableAction}
                errorSummaryTitle={m.form.errorSummary}
                submitLabel={t.disable}
                pendingLabel={m.form.saving}
                variant="secondary"
                fields={stepUp}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
