/** The admin's account requests: a new account, and a change of one. */
import { z } from "zod";
import { roles } from "../contract.ts";
import { choices } from "../../i18n/choices.ts";
import { reason } from "../../i18n/message.ts";

const role = z.enum(roles, { error: reason("param.oneOf", { choices: choices(roles) }) });
export const NewAccount = z.object({ username: z.string().max(64), password: z.string().max(1024), role }).strict();
export const Change = z
  .object({ role: role.optional(), disabled: z.boolean({ error: reason("param.boolean") }).optional(), password: z.string().max(1024).optional() })
  .strict()
  .refine((c) => Object.keys(c).length > 0, { error: reason("param.accountChange") });
