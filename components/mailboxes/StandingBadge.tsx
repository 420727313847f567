import { CircleCheck, Clock, Lock, LockKeyhole, Trash2, TriangleAlert, type LucideIcon } from "lucide-react";
import type { MailboxStanding } from "@/lib/lifecycle/rules";

const styles: Record<MailboxStanding, { className: string; Icon: LucideIcon }> = {
  active: { className: "bg-green-100 text-green-900 border-green-800", Icon: CircleCheck },
  warned: { className: "bg-amber-100 text-amber-950 border-amber-800", Icon: TriangleAlert },
  locked: { className: "bg-orange-100 text-orange-950 border-orange-800", Icon: Lock },
  lockedExpired: { className: "bg-red-100 text-red-900 border-red-800", Icon: Clock },
  lockedBroadband: { className: "bg-red-100 text-red-900 border-red-800", Icon: LockKeyhole },
  deleted: { className: "bg-slate-200 text-slate-900 border-slate-700", Icon: Trash2 },
};

/** Status in words with an icon beside them (never colour or icon alone, WCAG 1.4.1). */
export function StandingBadge({ standing, label }: { standing: MailboxStanding; label: string }) {
  const { className, Icon } = styles[standing];
  return (
    <span className={`inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-sm font-semibold ${className}`}>
      <Icon size={16} aria-hidden className="shrink-0" />
      {label}
    </span>
  );
}
