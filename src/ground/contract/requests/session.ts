/** The password login's body (POST /api/v1/session) and the query that starts single sign-on. */
import { z } from "zod";
import { reason } from "../../i18n/message.ts";
import { isReturnRoute } from "../return-route.ts";

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

/** `next`: the app page to land on after single sign-on (see ../return-route.ts); the home page without it. */
export const SsoStartQuery = z
  .object({
    next: z
      .string()
      .refine(isReturnRoute, { error: reason("param.returnRoute") })
      .optional(),
  })
  .strict();
