// R-SET-1: the servers a mail program needs, from configuration, as one table.
import type { Messages } from "@/lib/i18n/nb";

type Servers = { imapHost: string; imapPort: number; popHost: string; popPort: number; smtpHost: string; smtpPort: number };

export function ServerSettingsTable({ m, s }: { m: Messages; s: Servers }) {
  const g = m.guides;
  const rows = [
    [g.incomingImap, s.imapHost, s.imapPort],
    [g.incomingPop, s.popHost, s.popPort],
    [g.outgoing, s.smtpHost, s.smtpPort],
  ] as const;
  return (
    <table className="w-full border-collapse bg-white text-left">
      <caption className="sr-only">{g.serversHeading}</caption>
      <thead>
        <tr className="border-b-2 border-slate-600">
          <td className="p-2" />
          <th scope="col" className="p-2">
            {g.server}
          </th>
          <th scope="col" className="p-2">
            {g.port}
          </th>
          <th scope="col" className="p-2">
            {g.security}
          </th>
          <th scope="col" className="p-2">
            {g.username}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, host, port]) => (
          <tr key={label} className="border-b border-slate-300">
            <th scope="row" className="p-2">
              {label}
            </th>
            <td className="p-2 break-all">{host}</td>
            <td className="p-2">{port}</td>
            <td className="p-2">{g.ssl}</td>
            <td className="p-2">{g.usernameValue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
