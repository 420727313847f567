// Input shapes for the mailbox actions. zod guards type and size at the boundary; the pure rules
// (lib/mailboxes/rules.ts, lib/passwords/rules.ts) then judge the content.
import { z } from "zod";

const text = (max: number) => z.string({ error: "required" }).max(max, { error: "tooLong" });
const mailboxId = z.string().max(64);

export const createMailboxSchema = z.object({
  localPart: text(320),
  displayName: text(400),
  password: text(1024),
  passwordRepeat: text(1024),
});

export const renameMailboxSchema = z.object({ mailboxId, localPart: text(320) });
export const displayNameSchema = z.object({ mailboxId, displayName: text(400) });
export const mailboxPasswordSchema = z.object({ mailboxId, password: text(1024), passwordRepeat: text(1024) });
export const deleteMailboxSchema = z.object({ mailboxId, confirmAddress: text(400) });
export const restoreMailboxSchema = z.object({ mailboxId });
