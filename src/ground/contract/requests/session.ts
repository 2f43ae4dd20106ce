/** The password login's body (POST /api/v1/session). */
import { z } from "zod";
import { reason } from "../../i18n/message.ts";

export const Credentials = z.object({
  username: z
    .string({ error: reason("param.required", { name: "username" }) })
    .min(1, { error: reason("param.required", { name: "username" }) })
    .max(100, { error: reason("param.maxChars", { max: 100 }) }),
  password: z
    .string({ error: reason("param.required", { name: "password" }) })
    .min(1, { error: reason("param.required", { name: "password" }) })
    .max(1000, { error: reason("param.maxChars", { max: 1000 }) }),
});
