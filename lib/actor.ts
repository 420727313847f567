// Who is acting. Every service takes one, and writes it into the audit event (R-ADM-2).
import type { Clock } from "@/lib/clock";
import type { Db } from "@/lib/db";

export type Actor =
  | { kind: "CUSTOMER"; customerId: string }
  | { kind: "MAILBOX"; mailboxId: string }
  | { kind: "AGENT"; agentId: string; role: "AGENT" | "SUPERVISOR" }
  | { kind: "SYSTEM"; process: string };

export function actorId(actor: Actor): string {
  switch (actor.kind) {
    case "CUSTOMER":
      return actor.customerId;
    case "MAILBOX":
      return actor.mailboxId;
    case "AGENT":
      return actor.agentId;
    case "SYSTEM":
      return actor.process;
  }
}

/** The actor a signed-in account of this kind is (an agent's role is not known here: only for records). */
export function principalActor(kind: "CUSTOMER" | "MAILBOX" | "AGENT", id: string): Actor {
  return kind === "CUSTOMER"
    ? { kind, customerId: id }
    : kind === "MAILBOX"
      ? { kind, mailboxId: id }
      : { kind, agentId: id, role: "AGENT" };
}

/** What every service call needs: the database, the time, who acts, and the request it serves. */
export type ServiceContext = {
  db: Db;
  clock: Clock;
  actor: Actor;
  requestId: string;
};
