"use client";
// The attachment checker (R-ATT-1, R-ATT-2, R-ACC-6): the files are read in the browser, only their
// start (64 KB), and judged by the same rules the mail platform and the quarantine use.
import { useState } from "react";
import { checkAttachment, HEAD_BYTES } from "@/lib/attachments/check";
import type { AttachmentVerdict } from "@/lib/attachments/rules";
import { fill } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/nb";

type Result = { name: string; verdict: AttachmentVerdict };

export function AttachmentChecker({ t, maxLabel }: { t: Messages["attachments"]; maxLabel: string }) {
  const [results, setResults] = useState<Result[] | null>(null);
  const [busy, setBusy] = useState(false);

  async function onChange(event: React.ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    setBusy(true);
    const checked = await Promise.all(
      files.map(async (file) => ({
        name: file.name,
        verdict: await checkAttachment(file.name, file.size, new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer())),
      })),
    );
    setResults(checked);
    setBusy(false);
  }

  const reasonText = (r: Extract<AttachmentVerdict, { refused: true }>["reasons"][number]) =>
    r.by === "extension"
      ? fill(t.byExtension, { extension: r.extension })
      : r.by === "content"
        ? t.byContent[r.kind]
        : fill(t.bySize, { max: maxLabel });

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <label htmlFor="files" className="block font-semibold">
          {t.pick}
        </label>
        <p id="files-hint" className="text-sm text-slate-700">
          {fill(t.pickHint, { max: maxLabel })}
        </p>
        <input id="files" type="file" multiple onChange={onChange} aria-describedby="files-hint" className="block" />
      </div>
      <div role="status" aria-live="polite">
        {busy && <p>{t.checking}</p>}
        {results && !busy && (
          <ul aria-label={t.listLabel} className="space-y-2">
            {results.map((r, i) => (
              <li
                key={`${r.name}${i}`}
                className={`rounded-md border-2 p-3 ${r.verdict.refused ? "border-red-700 bg-red-50" : "border-green-700 bg-green-50"}`}
              >
                <p className="font-semibold break-all">{fill(r.verdict.refused ? t.refused : t.ok, { name: r.name })}</p>
                {r.verdict.refused && (
                  <ul className="list-disc pl-5">
                    {r.verdict.reasons.map((reason, j) => (
                      <li key={j}>{reasonText(reason)}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
        {results?.some((r) => r.verdict.refused) && !busy && <p className="mt-3">{t.tip}</p>}
      </div>
    </div>
  );
}
