/** Storage used of the R-ACC-6 quota, as a bar with its figures in text beside it. */
export function StorageBar({ share, label }: { share: number; label: string }) {
  const percent = Math.round(share * 100);
  return (
    <div className="space-y-1">
      <div
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={label}
        className="h-3 w-40 overflow-hidden rounded-full border border-slate-600 bg-slate-100"
      >
        <div
          className={`h-full ${share > 0.9 ? "bg-red-700" : "bg-blue-700"}`}
          style={{ width: `${Math.max(percent, share > 0 ? 2 : 0)}%` }}
        />
      </div>
      <p className="text-sm">{label}</p>
    </div>
  );
}
