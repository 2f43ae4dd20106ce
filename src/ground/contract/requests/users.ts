/** The admin's account requests: a new account, and a change of one. */
import { z } from "zod";
import { roles } from "../contract.ts";
import { choices } from "../../i18n/choices.ts";
import { reason } from "../../i18n/message.ts";
import { isLongEnoughPassword, MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH, MIN_PASSWORD_LENGTH, USERNAME_PATTERN } from "../account-rules.ts";

/** The account rules, one source for the server and the admin's page (which imports account-rules.ts itself: no zod in the client). */
export { MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH, MIN_PASSWORD_LENGTH, USERNAME_PATTERN } from "../account-rules.ts";

const role = z.enum(roles, { error: reason("param.oneOf", { choices: choices(roles) }) });
/**
 * Every rule of the engine (src/engine/auth/users.ts) is here as well, so the OpenAPI document, which
 * is generated from these schemas, shows it (pattern, minLength) and a client can check before sending.
 */
const username = z
  .string()
  .max(MAX_USERNAME_LENGTH)
  .regex(USERNAME_PATTERN, { error: reason("account.username") });
/**
 * At least MIN_PASSWORD_LENGTH characters. `min` (minLength in the document, counted in code points
 * there) counts UTF-16 units in zod; the refinement counts code points as the engine does.
 */
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: reason("account.passwordLength", { min: MIN_PASSWORD_LENGTH }), abort: true })
  .max(MAX_PASSWORD_LENGTH)
  .refine(isLongEnoughPassword, { error: reason("account.passwordLength", { min: MIN_PASSWORD_LENGTH }) });

export const NewAccount = z.object({ username, password, role }).strict();
export const Change = z
  .object({
    role: role.optional(),
    disabled: z.boolean({ error: reason("param.boolean") }).optional(),
    password: password.optional(),
  })
  .strict()
  .refine((c) => Object.keys(c).length > 0, { error: reason("param.accountChange") })
  // The refinement as JSON Schema says it, for the document (zod cannot translate a function).
  .meta({ minProperties: 1 });
