// One term and its value in a description list of facts.
export function Fact({ term, className, children }: { term: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <dt className="text-sm text-slate-700">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
