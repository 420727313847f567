"use server";
// Cleanmail's actions. Every one but the two ways in runs through the Cleanmail pipeline and acts
// on that session's mailbox only; ids from the form are looked up within it (another mailbox's
// ids change nothing).
import { z } from "zod";
import { cleanmailAction, many, plainForm, publicAction } from "@/lib/actions/pipeline";
import {
  exchangeLink,
  deleteMessages,
  loginCleanmail,
  releaseMessages,
  removeSenderRule,
  revokeLinks,
  setCleanmailPassword,
  setSenderRule,
  type CleanmailError,
} from "@/lib/cleanmail/service";
import { startCleanmailSession } from "@/lib/cleanmail/session";
import { ok } from "@/lib/errors/domain";
import type { ActionState } from "@/lib/forms/action-state";
import { pick, plural } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/nb";
import { portalTransport } from "@/lib/mail/portal-transport";
import { POLICY } from "@/lib/policy";
import { withOutcome } from "@/lib/http/outcome";
import { sameSitePath } from "@/lib/http/redirect";

const message = (m: Messages, code: CleanmailError) =>
  code === "throttled"
    ? m.cleanmail.throttled
    : code === "busy"
      ? m.login.busy
      : code === "invalid"
        ? m.cleanmail.invalid
        : code === "pattern.invalid"
          ? m.cleanmail.patternInvalid
          : code.startsWith("password.")
            ? pick(
                m.cleanmail.passwordErrors,
                { length: { min: POLICY.cleanmailPassword.minLength } },
                code.slice("password.".length) as keyof Messages["cleanmail"]["passwordErrors"],
              )
            : m.form.unexpected;

/** The link page's button: the token becomes a session, and the browser leaves the token's URL. */
export const openFromLinkAction = plainForm(
  publicAction({
    schema: z.object({ token: z.string().max(100) }),
    run: async (ctx, input) => {
      const result = await exchangeLink(ctx.db, ctx.clock, input.token, { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId });
      if (result.ok) await startCleanmailSession(result.value.sessionToken);
      return result;
    },
    message,
    refused: () => withOutcome("/cleanmail/logg-inn", { feil: "linkInvalid" }),
    done: () => "/cleanmail",
  }),
);

export const cleanmailLoginAction = publicAction({
  schema: z.object({
    address: z.string().trim().min(1).max(320, { error: "tooLong" }),
    password: z.string().min(1).max(1024, { error: "tooLong" }),
  }),
  keep: ["address"],
  malformed: "invalid",
  run: async (ctx, input) => {
    const result = await loginCleanmail(ctx.db, ctx.clock, input, { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId });
    if (result.ok) await startCleanmailSession(result.value.sessionToken);
    return result;
  },
  message,
  done: () => "/cleanmail",
});

/** The list's two buttons: release or delete the ticked messages. Works without JavaScript. */
export const bulkAction = plainForm(
  cleanmailAction({
    schema: z.object({ id: many(200), do: z.enum(["release", "delete"]).catch("delete"), returnTo: z.string().max(300).optional() }),
    run: async (ctx, input) => {
      if (input.do === "release") {
        const released = await releaseMessages(ctx, portalTransport(), input.id);
        return released.ok ? ok({ outcome: "released", count: released.value.released }) : released;
      }
      const deleted = await deleteMessages(ctx, input.id);
      return deleted.ok ? ok({ outcome: "deleted", count: deleted.value.deleted }) : deleted;
    },
    message,
    refused: (code, input) =>
      code === "noneSelected"
        ? withOutcome("/cleanmail", { feil: "selectedNone" })
        : withOutcome(cleanmailPath(input?.returnTo), { feil: "deliveryFailed" }),
    done: (done) => withOutcome("/cleanmail", { ok: done.outcome }, { antall: String(done.count) }),
  }),
);

/** A path inside Cleanmail to go back to, or Cleanmail's list. */
function cleanmailPath(value: string | undefined): string {
  const path = new URL(sameSitePath(value, "/cleanmail"), "https://portal.invalid").pathname;
  return path.startsWith("/cleanmail") ? path : "/cleanmail";
}

export const senderRuleAction = cleanmailAction({
  schema: z.object({
    pattern: z.string().max(320, { error: "tooLong" }),
    kind: z.enum(["ALLOW", "BLOCK"]),
    returnTo: z.string().max(20).optional(),
  }),
  keep: ["pattern"],
  malformed: "pattern.invalid",
  run: (ctx, input) => setSenderRule(ctx, input),
  message,
  done: (value, input) =>
    withOutcome(input.returnTo === "melding" ? "/cleanmail" : "/cleanmail/avsendere", { ok: "ruleSet" }, { monster: value.pattern }),
});

export const removeSenderRuleAction = plainForm(
  cleanmailAction({
    schema: z.object({ ruleId: z.string().max(64) }),
    run: (ctx, input) => removeSenderRule(ctx, input),
    message,
    refused: () => "/cleanmail/avsendere",
    done: (value) => withOutcome("/cleanmail/avsendere", { ok: "ruleRemoved" }, { monster: value.pattern }),
  }),
);

export const cleanmailPasswordAction = cleanmailAction({
  schema: z.object({ password: z.string().max(1024, { error: "tooLong" }), passwordRepeat: z.string().max(1024, { error: "tooLong" }) }),
  run: (ctx, input) => setCleanmailPassword(ctx, input),
  message,
  fieldOf: (code) => (code === "password.mismatch" ? "passwordRepeat" : code.startsWith("password.") ? "password" : undefined),
  done: (_value, _input, ctx): ActionState => ({ success: ctx.m.cleanmail.passwordSet }),
});

export const revokeLinksAction = cleanmailAction({
  schema: z.object({}),
  run: (ctx) => revokeLinks(ctx),
  message,
  done: (value, _input, ctx): ActionState => ({ success: plural(ctx.m.cleanmail.linksRevoked, ctx.m.lang, { count: value.revoked }) }),
});
