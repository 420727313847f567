/** The outcome of the last action, announced politely to screen readers. */
export function Flash({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="status" className="rounded-md border-2 border-green-700 bg-green-50 p-3 font-semibold text-green-950">
      {message}
    </p>
  );
}
