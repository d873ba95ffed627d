// lib/flow.js: checking a flow the service sent, the version rule, the settings page's address, dates.
import assert from "node:assert/strict";
import { test } from "node:test";

import { checkFlow, FLOW_VERSION, isFlowPage, isWanted, longDate, runnable, sinceText, stateWords } from "../../extension/lib/flow.js";

const FLOW = {
  version: 1,
  setting: "Model training",
  page: { url: "https://claude.ai/settings/data-privacy-controls" },
  steps: [
    { say: "Open Privacy." },
    { say: "Switch it off.", control: { name: ["Help improve Claude"], role: ["switch", "bogus"] }, want: "off", operate: true },
    { say: "Save.", control: { name: ["Save"], role: ["button"] }, press: true },
  ],
  verify: "reload",
  expect: ["New chats are not used."],
  faq: [{ q: "Q?", a: "A." }, { q: "no answer" }],
  source: { url: "https://privacy.anthropic.com/x", checked: "2026-12-02" },
};

test("a version 1 flow is kept with its steps, unknown roles and half FAQ entries dropped", () => {
  const flow = checkFlow(FLOW);
  assert.ok(runnable(flow));
  assert.deepEqual(flow.steps[1].control.role, ["switch"]);
  assert.equal(flow.steps[1].operate, true);
  assert.equal(flow.steps[2].press, true);
  assert.equal(flow.faq.length, 1);
});

test("a flow of a later version is skipped: the guide shows the prose steps", () => {
  const later = checkFlow({ version: FLOW_VERSION + 1, anything: "new" });
  assert.deepEqual(later, { version: FLOW_VERSION + 1, unsupported: true });
  assert.equal(runnable(later), false);
});

test("a flow without an https page or with a broken step is not used at all", () => {
  assert.equal(checkFlow({ ...FLOW, page: { url: "http://claude.ai/" } }), null);
  assert.equal(checkFlow({ ...FLOW, steps: [{ control: { name: ["x"] } }] }), null);
  assert.equal(checkFlow("flow"), null);
});

test("operate is honoured only on a step that has a control and something to do", () => {
  const flow = checkFlow({ ...FLOW, steps: [{ say: "Look.", control: { name: ["X"] }, operate: true }] });
  assert.equal(flow.steps[0].operate, false);
});

test("the settings page: host without www, path without trailing slash, and the '#' route when it has one", () => {
  assert.equal(isFlowPage("https://claude.ai/settings/data-privacy-controls/", FLOW.page.url), true);
  assert.equal(isFlowPage("https://www.claude.ai/settings/data-privacy-controls?x=1", FLOW.page.url), true);
  assert.equal(isFlowPage("https://claude.ai/settings/other", FLOW.page.url), false);
  assert.equal(isFlowPage("http://claude.ai/settings/data-privacy-controls", FLOW.page.url), false);
  assert.equal(isFlowPage("https://chatgpt.com/#settings/DataControls", "https://chatgpt.com/#settings/DataControls"), true);
  assert.equal(isFlowPage("https://chatgpt.com/", "https://chatgpt.com/#settings/DataControls"), false);
});

test("states and choices compare folded", () => {
  assert.equal(isWanted("off", "off"), true);
  assert.equal(isWanted("on", "off"), false);
  assert.equal(isWanted("friends only", { choice: "Friends Only" }), true);
  assert.equal(stateWords({ choice: "Private" }), "Private");
});

test("dates read the way people say them", () => {
  assert.equal(longDate("2026-12-02"), "2 December 2026");
  assert.equal(longDate("2026-12-02T09:00:00Z", { year: false }), "2 December");
  assert.equal(sinceText({ setting: "Model training", state: "off", since: "2026-12-02" }, new Date(2026, 11, 5)), "Model training: off since 2 December");
  assert.equal(sinceText({ setting: "Model training", state: "off", since: "2025-12-02" }, new Date(2026, 11, 5)), "Model training: off since 2 December 2025");
});
