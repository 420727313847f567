import type { MailboxStanding } from "@/lib/lifecycle/rules";

const styles: Record<MailboxStanding, string> = {
  active: "bg-green-100 text-green-900 border-green-800",
  warned: "bg-amber-100 text-amber-950 border-amber-800",
  locked: "bg-orange-100 text-orange-950 border-orange-800",
  lockedExpired: "bg-red-100 text-red-900 border-red-800",
  lockedBroadband: "bg-red-100 text-red-900 border-red-800",
  deleted: "bg-slate-200 text-slate-900 border-slate-700",
};

/** Status in words (never colour alone, WCAG 1.4.1). */
export function StandingBadge({ standing, label }: { standing: MailboxStanding; label: string }) {
  return <span className={`inline-block rounded-md border px-2 py-0.5 text-sm font-semibold ${styles[standing]}`}>{label}</span>;
}
