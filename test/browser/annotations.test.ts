/**
 * Notes on the data and questions about a number, in Chromium (issue 21, point 7): an analyst adds a
 * note to an indicator; a policy officer, in a context of their own, sees it on the indicator's chart
 * and in its provenance, and asks a question about the number; the analyst sees the question with the
 * number's provenance and answers it; the policy officer reads the answer. axe finds no serious or
 * critical violation on the new forms and pages.
 */
import { describe, expect, inject, it } from "vitest";
import { browserSuite, loginViaForm, openSession } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";
import { seriousViolations } from "../support/axe.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));
const NOTE = "Meetmethode gewijzigd: nieuwe basislijn";
const QUESTION = "Dit lijkt niet te kloppen: waarom daalt het zo sterk?";
const ANSWER = "De bron heeft de meetmethode gewijzigd; zie de notitie bij de grafiek.";
const INDICATOR = "no2-annual-mean";

describe("notes on the data and questions", () => {
  it("goes from an analyst's note to a policy officer's question and its answer", async () => {
    const { page: analyst, monitor } = suite;

    // The analyst adds a note on the indicator page.
    await loginViaForm(analyst, "analyst");
    await analyst.getByRole("heading", { level: 1, name: "Pijplijnen" }).waitFor();
    await analyst.goto(`/#/indicators/${INDICATOR}`);
    const form = analyst.getByTestId("annotation-form");
    await form.waitFor();
    await form.locator("input[name=from]").fill("2024-03-01");
    await form.locator("textarea[name=text]").fill(NOTE);
    await form.locator("textarea[name=textEn]").fill("Survey method changed: new baseline");
    await form.locator("button[type=submit]").click();
    await analyst.getByTestId("annotation-status").filter({ hasText: "Notitie opgeslagen." }).waitFor();
    await analyst.getByTestId("annotation-row").filter({ hasText: NOTE }).waitFor();
    // The chart on the same page loads again with the note.
    await analyst.getByTestId("indicator-chart").getByTestId("trend-chart").getByTestId("annotation-list").filter({ hasText: NOTE }).waitFor();
    expect(await seriousViolations(analyst), "indicator page with the notes form").toEqual([]);

    // The policy officer, in a browser context of their own.
    const policySession = await openSession(analyst.context().browser()!, monitor.url);
    try {
      const policy = policySession.page;
      await loginViaForm(policy, "policy");
      await policy.getByTestId("status-badge").first().waitFor();
      await policy.goto(`/#/indicators/${INDICATOR}`);
      const chart = policy.getByTestId("indicator-chart");
      await chart.getByTestId("trend-chart").getByTestId("annotation-list").filter({ hasText: NOTE }).waitFor();
      // Drawn on the chart: a numbered rule at the note's year.
      // (A vertical line has no width, so Playwright calls it hidden: wait for it to be there.)
      await chart.locator("svg .mm-note-rule line").first().waitFor({ state: "attached" });
      expect(await chart.locator("svg .mm-note-rule line").count()).toBe(1);
      expect(await chart.locator("svg .mm-note-number text").first().textContent()).toBe("1");
      await chart.getByTestId("provenance-notes").filter({ hasText: NOTE }).waitFor();
      // No notes form for the policy role.
      expect(await policy.getByTestId("annotation-form").count()).toBe(0);

      // A question about the card's number.
      await policy.getByTestId("indicator-card").getByTestId("ask-question").click();
      const questionForm = policy.getByTestId("question-form");
      await questionForm.locator("textarea[name=text]").fill(QUESTION);
      expect(await seriousViolations(policy), "indicator page with the question form open").toEqual([]);
      await questionForm.locator("button[type=submit]").click();
      await policy.getByTestId("question-status").filter({ hasText: "Mijn vragen" }).waitFor();

      // The analyst sees it with the number's provenance, and answers.
      await analyst.goto("/#/questions");
      const question = analyst.getByTestId("question").filter({ hasText: QUESTION });
      await question.waitFor();
      expect(await question.getAttribute("data-status")).toBe("open");
      expect((await question.getByTestId("question-runs").innerText()).trim()).toMatch(/air-quality-measurements \d+/);
      expect((await question.getByTestId("question-value").innerText()).trim()).toMatch(/\d/);
      expect(await question.getByTestId("question-provenance").innerText()).toContain("Waarde zoals getoond aan");
      expect(await seriousViolations(analyst), "the analysts' questions page").toEqual([]);
      await question.locator("textarea[name=answer]").fill(ANSWER);
      await question.locator("button[type=submit]").click();
      await analyst.locator(`[data-testid="question"][data-status="answered"]`).filter({ hasText: QUESTION }).getByTestId("question-answer").waitFor();

      // The policy officer reads the answer, without the provenance.
      await policy.goto("/#/questions");
      await policy.getByRole("heading", { level: 1, name: "Mijn vragen" }).waitFor();
      const mine = policy.getByTestId("question").filter({ hasText: QUESTION });
      expect((await mine.getByTestId("question-answer").innerText()).trim()).toBe(ANSWER);
      expect(await mine.getByTestId("question-provenance").count()).toBe(0);
      expect(await seriousViolations(policy), "my questions").toEqual([]);
      expect(policySession.errors, "errors in the policy officer's page").toEqual([]);
    } finally {
      await policySession.close();
    }
  });
});
