import { PageShell } from "@/components/layout/PageShell";
import { PasswordRulesForm } from "@/components/cleanmail/PasswordRulesForm";
import { fill } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";
import { POLICY } from "@/lib/policy";
import { requireCleanmail } from "@/lib/cleanmail/session";
import { ActionForm } from "@/components/form/ActionForm";
import { cleanmailPasswordAction, revokeLinksAction } from "../actions";

export const generateMetadata = titled((m) => m.titles.cleanmailPassword);

// R-CM-4, R-SEC-4: the Cleanmail password is set from a Cleanmail session (a report's link).
export default async function CleanmailPasswordPage() {
  await requireCleanmail();
  const m = await getMessages();
  const c = m.cleanmail;
  return (
    <PageShell m={m} session="cleanmail" path="/cleanmail/passord">
      <div className="max-w-xl space-y-6">
        <h1 className="text-3xl font-bold">{c.passwordTitle}</h1>
        <p>{c.passwordLead}</p>
        <PasswordRulesForm
          action={cleanmailPasswordAction}
          labels={{
            password: c.password,
            passwordRepeat: c.passwordRepeat,
            rulesHeading: c.rulesHeading,
            rules: { ...c.rules, length: fill(c.rules.length, { min: POLICY.cleanmailPassword.minLength }) },
            met: c.ruleMet,
            unmet: c.ruleUnmet,
            submit: c.submitPassword,
            saving: m.form.saving,
            errorSummary: m.form.errorSummary,
          }}
        />
        <section aria-labelledby="links-heading" className="space-y-3">
          <h2 id="links-heading" className="text-xl font-semibold">
            {c.linksHeading}
          </h2>
          <p>{c.linksLead}</p>
          <ActionForm
            id="revoke-links"
            action={revokeLinksAction}
            submitLabel={c.revokeLinks}
            variant="secondary"
            errorSummaryTitle={m.form.errorSummary}
            pendingLabel={m.form.saving}
          />
        </section>
      </div>
    </PageShell>
  );
}
