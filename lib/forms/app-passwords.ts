// The state of the form that makes an app password (R-SEC-6): on success it holds the password,
// which the form shows once; it is in no URL, page or log.
import type { ActionState } from "@/lib/forms/action-state";

export type CreatedAppPasswordState = ActionState & { created?: { name: string; password: string } };
