/** The policy plan (targets per indicator) is data, read from a JSON file and checked at start. */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { Localized, type Target } from "../../ground/contract/contract.ts";
import { findIndicator } from "./index.ts";

const PlanSchema = z.object({
  title: Localized,
  targets: z.array(
    z
      .object({
        indicator: z.string(),
        value: z.number(),
        deadline: z.number().int().min(2000).max(2100),
        baselineYear: z.number().int().min(1990).max(2100),
        baselineValue: z.number(),
        label: Localized,
        /** Shown to anyone, e.g. by the <mm-indicator> widget on another site: municipal aggregates only. */
        public: z.boolean().default(false),
      })
      .refine((t) => t.baselineYear < t.deadline, { error: "baselineYear must be before deadline" }),
  ),
});

export interface PolicyPlan {
  title: Localized;
  targetFor(indicatorId: string): Target | null;
  /** Whether the plan marks the indicator public (GET /api/v1/public/indicators/:id). */
  isPublic(indicatorId: string): boolean;
}

export function loadPolicyPlan(file: string): PolicyPlan {
  const parsed = PlanSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(`invalid policy plan ${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const targets = new Map<string, Target>();
  const published = new Set<string>();
  for (const { indicator, public: isPublic, ...target } of parsed.data.targets) {
    if (!findIndicator(indicator)) throw new Error(`policy plan ${file}: unknown indicator "${indicator}"`);
    if (targets.has(indicator)) throw new Error(`policy plan ${file}: two targets for "${indicator}"`);
    targets.set(indicator, target);
    if (isPublic) published.add(indicator);
  }
  return { title: parsed.data.title, targetFor: (id) => targets.get(id) ?? null, isPublic: (id) => published.has(id) };
}
