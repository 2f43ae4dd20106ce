/**
 * The audit log page's URL state (client/src/audit-state.ts): a filtered view is a link that round-
 * trips, a parameter that doesn't fit is dropped, and the filter's choices are every action the API
 * records, each with words in both languages.
 */
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import { AuditEntry } from "../../../src/ground/contract/contract-dossier.ts";
import { auditActions, auditPageQuery, isDay, parseAuditState } from "../../../client/src/audit-state.ts";
import { hrefFor, parseRoute } from "../../../client/src/routes.ts";
import { messages } from "../../../client/src/messages.ts";

describe("the audit log's URL", () => {
  it("round-trips a filter in a fixed order", () => {
    const route = {
      name: "audit",
      user: "permit",
      actions: ["denied", "login"],
      subject: "IN-0",
      from: "2026-03-01",
      to: "2026-03-02",
      q: "50%",
      page: 3,
    } as const;
    const href = hrefFor({ ...route, actions: [...route.actions] });
    expect(href).toBe("#/audit?user=permit&action=denied%2Clogin&subject=IN-0&from=2026-03-01&to=2026-03-02&q=50%25&page=3");
    expect(parseRoute(href)).toEqual(route);
    expect(hrefFor({ name: "audit" })).toBe("#/audit");
  });

  it("drops what doesn't fit: unknown actions, impossible days, a period the wrong way round, empty text", () => {
    expect(parseAuditState("action=login,dance&from=2026-02-30&to=2026-13-01&user=%20&page=0")).toEqual({ actions: ["login"] });
    expect(parseAuditState("from=2026-03-05&to=2026-03-01")).toEqual({ from: "2026-03-05" });
    expect(parseAuditState(`q=${"x".repeat(201)}`)).toEqual({});
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("2025-02-29")).toBe(false);
  });

  it("asks the API for the page the state shows, actions comma-separated", () => {
    expect(auditPageQuery({ actions: ["login", "denied"], page: 2 })).toMatchObject({ action: "login,denied", limit: 25, offset: 25 });
  });

  it("offers every action the API records, each in words in Dutch and English", () => {
    expect([...auditActions].sort()).toEqual([...AuditEntry.shape.action.options].sort());
    for (const action of AuditEntry.shape.action.options) {
      const key = `audit.action.${action}` as keyof typeof messages.nl;
      expect(messages.nl[key], action).toBeTruthy();
      expect(messages.en[key], action).toBeTruthy();
    }
  });
});
