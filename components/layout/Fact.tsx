// One term and its value in a description list of facts.
export function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-700">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
