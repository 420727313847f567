// The one way a server action runs (issue 15), for every kind of actor: authenticate with the
// area's guard, build the service context (with the request's id), parse the form with the
// action's zod schema, call the service, and turn its typed refusal into the catalogue's words on
// the field it concerns; on success, go where the action says or show what it says. An action
// file then only declares, e.g.:
//
//   export const renameMailboxAction = customerAction({
//     schema: renameMailboxSchema, keep: ["localPart"],
//     run: (ctx, input) => renameMailbox(ctx, addressingOf(env()), input),
//     message: mailboxMessage, done: (mailbox) => `${LIST}?…`,
//   });
import { redirect } from "next/navigation";
import { z } from "zod";
import { requestContext } from "@/lib/actions/context";
import type { Actor, ServiceContext } from "@/lib/actor";
import { requireAgent, requireAgentForEnrolment, requireCustomer, requireMailboxUser, requireSupervisor } from "@/lib/auth/guards";
import { requestMeta } from "@/lib/auth/request";
import { requireCleanmail } from "@/lib/cleanmail/session";
import type { DomainError, Result } from "@/lib/errors/domain";
import type { ActionState } from "@/lib/forms/action-state";
import type { Messages } from "@/lib/i18n/nb";
import { getMessages } from "@/lib/i18n/server";
import { PasswordWorkBusy } from "@/lib/passwords/hash";

/** What every action has at hand: the service context, the request's meta, and the catalogue. */
export type ActionContext<S = unknown> = ServiceContext & { session: S; ip: string; userAgent?: string; m: Messages };

export type ActionSpec<S, Schema extends z.ZodType, T, C extends string, St extends ActionState = ActionState> = {
  schema: Schema;
  /** Fields given back to the form when it is refused: what the person typed, never passwords. */
  keep?: readonly string[];
  /** The service call; the form itself only for what a schema cannot hold (an uploaded file). */
  run: (ctx: ActionContext<S>, input: z.output<Schema>, form: FormData) => Promise<Result<T, C>>;
  /** A refusal's code in the person's language: the slice's own mapping. */
  message: (m: Messages, code: C) => string;
  /** The field a code belongs to when the service did not name one. */
  fieldOf?: (code: C) => string | undefined;
  /** Success: a path to go to, or what the form shows. */
  done: (value: T, input: z.output<Schema>, ctx: ActionContext<S>) => string | St;
  /**
   * When the schema refuses fields nobody types (hidden ids): the service's own code for it (e.g.
   * "notFound"), rather than "this field is required" on a field nobody sees.
   */
  malformed?: C;
  /** For forms without a place to show a refusal (plain buttons): where to go instead. */
  refused?: (code: C, input: z.output<Schema> | null) => string;
};

/** A form's fields as the schema sees them: a name given once is a string, several times a list; files left out. */
function formObject(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || name.startsWith("$ACTION")) continue;
    const had = out[name];
    out[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}

/** A field that may come several times (ticked boxes): always a list, at most `max` long. */
export const many = (max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).slice(0, max));

/** A checkbox: ticked or not. */
export const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

/** zod's complaints as the form shows them: one per field, in the catalogue's words. */
function fieldErrorsOf(error: z.ZodError, m: Messages): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    const own = (m.errors.field as Record<string, string>)[issue.message];
    fieldErrors[field] ??= own ?? (issue.code === "too_big" ? m.errors.field.tooLong : m.errors.field.required);
  }
  return fieldErrors;
}

function refusalState<C extends string>(
  error: DomainError<C>,
  message: (code: C) => string,
  fieldOf: ((code: C) => string | undefined) | undefined,
  values: Record<string, string>,
): ActionState {
  if (error.fields)
    return { fieldErrors: Object.fromEntries(Object.entries(error.fields).map(([f, code]) => [f, message(code as C)])), values };
  const field = error.field ?? fieldOf?.(error.code);
  return field ? { fieldErrors: { [field]: message(error.code) }, values } : { formError: message(error.code), values };
}

/**
 * The pipeline for one kind of actor. The action it makes works with useActionState (prev, form)
 * and as a plain form's action (form), so buttons without JavaScript use the same path.
 */
function pipeline<S>(authenticate: () => Promise<{ actor: Actor; session: S }>) {
  return <Schema extends z.ZodType, T, C extends string, St extends ActionState = ActionState>(spec: ActionSpec<S, Schema, T, C, St>) =>
    async (...args: [St, FormData] | [FormData]): Promise<St> => {
      const form = args.length === 2 ? args[1] : args[0];
      const { actor, session } = await authenticate();
      const meta = await requestMeta();
      const m = await getMessages();
      const ctx: ActionContext<S> = { ...(await requestContext(actor)), session, ip: meta.ip, userAgent: meta.userAgent, m };
      const raw = formObject(form);
      const values = Object.fromEntries((spec.keep ?? []).map((k) => [k, String(raw[k] ?? "").slice(0, 400)]));
      const parsed = spec.schema.safeParse(raw);
      if (!parsed.success) {
        if (spec.refused) redirect(spec.refused(spec.malformed ?? ("invalid" as C), null));
        if (spec.malformed) return { formError: spec.message(m, spec.malformed), values } as St;
        return { fieldErrors: fieldErrorsOf(parsed.error, m), values } as St;
      }
      let result: Result<T, C>;
      try {
        result = await spec.run(ctx, parsed.data, form);
      } catch (error) {
        // Too many password checks at once on this server: a moment's wait, not an error page.
        if (error instanceof PasswordWorkBusy) return { formError: m.login.busy, values } as St;
        throw error;
      }
      if (!result.ok) {
        if (spec.refused) redirect(spec.refused(result.error.code, parsed.data));
        return refusalState(result.error, (code) => spec.message(m, code), spec.fieldOf, values) as St;
      }
      const next = spec.done(result.value, parsed.data, ctx);
      if (typeof next === "string") redirect(next);
      return next;
    };
}

/** An action for a plain form (a button with no place to show a message): it answers nothing. */
export function plainForm(action: (form: FormData) => Promise<unknown>) {
  return async (form: FormData): Promise<void> => {
    await action(form);
  };
}

/** Mine sider: the signed-in customer. */
export const customerAction = pipeline(async () => {
  const session = await requireCustomer();
  return { actor: { kind: "CUSTOMER", customerId: session.customerId }, session };
});

/** The mailbox's own settings: the signed-in mailbox user. */
export const mailboxAction = pipeline(async () => {
  const session = await requireMailboxUser();
  return { actor: { kind: "MAILBOX", mailboxId: session.mailboxId }, session };
});

/** Cleanmail: the session of one mailbox's quarantine, acting as that mailbox. */
export const cleanmailAction = pipeline(async () => {
  const session = await requireCleanmail();
  return { actor: { kind: "MAILBOX", mailboxId: session.mailboxId }, session };
});

/** The admin view: an agent with two-factor login on. */
export const agentAction = pipeline(async () => {
  const session = await requireAgent();
  return { actor: { kind: "AGENT", agentId: session.agentId, role: session.role }, session };
});

/** The admin view's enrolment: an agent who has not turned two-factor login on yet. */
export const enrollingAgentAction = pipeline(async () => {
  const session = await requireAgentForEnrolment();
  return { actor: { kind: "AGENT", agentId: session.agentId, role: session.role }, session };
});

/** Managing agents: a supervisor (the service checks the role again in its transaction). */
export const supervisorAction = pipeline(async () => {
  const session = await requireSupervisor();
  return { actor: { kind: "AGENT", agentId: session.agentId, role: session.role }, session };
});

/** Forms anyone may send (a login, the bounce explainer): the system acts, for nobody in particular. */
export const publicAction = pipeline(async () => ({ actor: { kind: "SYSTEM", process: "public" } as Actor, session: null }));
