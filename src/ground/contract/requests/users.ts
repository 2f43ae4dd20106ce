/** The admin's account requests: a new account, and a change of one. */
import { z } from "zod";
import { roles } from "../contract.ts";
import { choices } from "../../i18n/choices.ts";
import { reason } from "../../i18n/message.ts";
import { MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH } from "../account-rules.ts";

/** The account rules, one source for the server and the admin's page (which imports account-rules.ts itself: no zod in the client). */
export { MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH, MIN_PASSWORD_LENGTH, USERNAME_PATTERN } from "../account-rules.ts";

const role = z.enum(roles, { error: reason("param.oneOf", { choices: choices(roles) }) });
export const NewAccount = z.object({ username: z.string().max(MAX_USERNAME_LENGTH), password: z.string().max(MAX_PASSWORD_LENGTH), role }).strict();
export const Change = z
  .object({
    role: role.optional(),
    disabled: z.boolean({ error: reason("param.boolean") }).optional(),
    password: z.string().max(MAX_PASSWORD_LENGTH).optional(),
  })
  .strict()
  .refine((c) => Object.keys(c).length > 0, { error: reason("param.accountChange") });
