/** From a provider's group claim to one role of the monitor: the most privileged role any group maps to. */
import { roles, type Role } from "../../ground/contract/contract.ts";

/**
 * The groups in `claims[claimName]`: an array of strings or a single string. A claim name with dots
 * that is not itself a claim is followed as a path, e.g. Keycloak's "realm_access.roles".
 */
export function readGroups(claims: Record<string, unknown>, claimName: string): string[] {
  let value: unknown = Object.hasOwn(claims, claimName) ? claims[claimName] : undefined;
  if (value === undefined && claimName.includes(".")) {
    value = claimName
      .split(".")
      .reduce<unknown>((at, key) => (at && typeof at === "object" && Object.hasOwn(at, key) ? (at as Record<string, unknown>)[key] : undefined), claims);
  }
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((group): group is string => typeof group === "string") : [];
}

/** Order of privilege, least first: admin > analyst > permit > policy (the order of `roles`). */
const rank = (role: Role) => roles.indexOf(role);

/** The highest role any of the groups maps to, or null when none is mapped (no access at all). */
export function roleForGroups(groups: readonly string[], roleMap: ReadonlyMap<string, Role>): Role | null {
  let best: Role | null = null;
  for (const group of groups) {
    const role = roleMap.get(group);
    if (role && (best === null || rank(role) > rank(best))) best = role;
  }
  return best;
}
