/**
 * The app asks the API for the UI's language (Accept-Language on every request), so error texts from
 * the server match the page; the browser's own language (nl-NL here) does not decide it.
 */
import type { Page, Request } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

/** The Accept-Language of the app's next request for the theme list. */
function nextThemesRequest(page: Page): Promise<string | null> {
  return page
    .waitForRequest((request: Request) => new URL(request.url()).pathname === "/api/v1/themes")
    .then((request) => request.headerValue("accept-language"));
}

describe("the language of API answers", () => {
  it("follows the UI's language, not the browser's", async () => {
    const { page } = suite;
    const dutch = nextThemesRequest(page);
    await loginViaForm(page, "policy");
    expect(await dutch).toBe("nl");

    await page.evaluate(() => localStorage.setItem("mm-lang", "en"));
    const english = nextThemesRequest(page);
    await page.reload();
    expect(await english).toBe("en");
  });
});
