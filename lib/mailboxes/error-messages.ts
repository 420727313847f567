// Domain error codes to the person's language. One place, so every form says the same thing.
import type { Messages } from "@/lib/i18n/nb";
import { fill } from "@/lib/i18n/format";
import { POLICY } from "@/lib/policy";
import type { MailboxError } from "@/lib/mailboxes/service";

export function mailboxErrorMessage(m: Messages, code: MailboxError, domain: string): string {
  const limits = {
    min: POLICY.mailboxes.localPartMinLength,
    max: POLICY.mailboxes.localPartMaxLength,
    domain,
  };
  const [group, detail] = code.split(".") as [string, string | undefined];
  switch (group) {
    case "address":
      return fill(m.errors.address[detail as keyof Messages["errors"]["address"]], limits);
    case "displayName":
      return fill(m.errors.displayName[detail as keyof Messages["errors"]["displayName"]], { max: POLICY.mailboxes.displayNameMaxLength });
    case "password":
      return fill(m.errors.password[detail as keyof Messages["errors"]["password"]], {
        min: POLICY.passwords.minLength,
        max: POLICY.passwords.maxLength,
      });
    case "restore":
      return fill(m.errors.restore[detail as keyof Messages["errors"]["restore"]], { days: POLICY.lifecycle.restoreWindowDays });
    case "limitReached":
      return fill(m.errors.limitReached, { max: POLICY.mailboxes.maxActivePerCustomer });
    default:
      return m.errors[group as "notFound" | "addressUnavailable" | "notActive" | "confirmationMismatch" | "sameAddress" | "broadbandEnded"];
  }
}
