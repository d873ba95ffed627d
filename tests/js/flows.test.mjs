// The opt-out flows' self-test (as autoconsent tests each rule against a page): every flow in the curated
// records runs against its saved settings page (tests/e2e/fixtures/settings/<fixture>.html, scripts running,
// late renders and shadow roots included) and must find each control it names exactly once, read its state,
// and reach the wanted state by operating it. A flow naming a control its page lacks fails here.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { JSDOM } from "jsdom";

import { operate } from "../../extension/content/controls.js";
import { evaluate } from "../../extension/content/flowrun.js";
import { checkFlow, isWanted, runnable } from "../../extension/lib/flow.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const RECORDS = join(ROOT, "server", "termslens", "data", "records");
const FIXTURES = join(ROOT, "tests", "e2e", "fixtures", "settings");
/** Late renders in the fixtures take up to 1.2 s; give them this long. */
const RENDER_WAIT_MS = 4000;

/** Every action with a flow in the curated records: {where, action, flow (raw)}. */
function libraryFlows() {
  const found = [];
  for (const file of readdirSync(RECORDS).filter((f) => f.endsWith(".json")).sort()) {
    const data = JSON.parse(readFileSync(join(RECORDS, file), "utf8"));
    for (const record of data.records) {
      for (const action of record.actions) {
        if (action.flow) found.push({ where: `${record.id}: ${action.label}`, action, raw: action.flow });
      }
    }
  }
  return found;
}

/** The fixture loaded as the browser would at the flow's address, its scripts run. */
function load(fixture, url) {
  const html = readFileSync(join(FIXTURES, `${fixture}.html`), "utf8");
  const dom = new JSDOM(html, { url, runScripts: "dangerously", pretendToBeVisual: true });
  return dom.window;
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Evaluate until the page stops waiting for controls (late renders), or the time is up. */
async function settled(window, flow) {
  const deadline = Date.now() + RENDER_WAIT_MS;
  for (;;) {
    const result = evaluate(window.document, window.location.href, flow);
    if (!result.waiting || result.stop || Date.now() > deadline) return result;
    await wait(50);
  }
}

/**
 * Run `flow` on its fixture; the problems found, in words (empty when the flow works there).
 * @returns {Promise<string[]>}
 */
async function selfTest(flow, fixture) {
  const window = load(fixture, flow.page.url);
  try {
    const problems = [];
    const before = await settled(window, flow);
    if (before.stop) return [`stopped: ${before.stop}`];
    flow.steps.forEach((step, i) => {
      if (step.control && !before.steps[i].found) problems.push(`step ${i + 1} names a control the page lacks (${before.steps[i].problem})`);
    });
    if (problems.length) return problems;
    if (before.set) problems.push("the page already shows the wanted state: the fixture cannot show the flow works");
    for (const [i, step] of flow.steps.entries()) {
      if (!step.want) continue;
      operate(before.steps[i].found, step.want);
    }
    const after = evaluate(window.document, window.location.href, flow);
    flow.steps.forEach((step, i) => {
      if (step.want && !isWanted(after.steps[i].state, step.want)) problems.push(`step ${i + 1} did not reach '${step.want}' when operated`);
    });
    return problems;
  } finally {
    window.close();
  }
}

const FLOWS = libraryFlows();

test("the library has flows, each of this engine's version and each with its saved settings page", () => {
  assert.ok(FLOWS.length >= 9, `${FLOWS.length} flows`);
  const fixtures = new Set(readdirSync(FIXTURES).map((f) => f.replace(/\.html$/, "")));
  for (const { where, raw } of FLOWS) {
    assert.ok(runnable(checkFlow(raw)), `${where}: not a runnable flow`);
    assert.ok(fixtures.has(raw.fixture), `${where}: no fixture ${raw.fixture}.html`);
  }
  assert.ok(new Set(FLOWS.map((f) => f.raw.fixture)).size >= 5, "at least five services' settings pages");
});

for (const { where, raw } of FLOWS) {
  test(`self-test: ${where}`, async () => {
    assert.deepEqual(await selfTest(checkFlow(raw), raw.fixture), []);
  });
}

test("the self-test fails when a flow names a control its fixture lacks", async () => {
  const { raw } = FLOWS.find((f) => f.raw.fixture === "anthropic");
  const renamed = structuredClone(raw);
  renamed.steps.find((s) => s.control).control.name = ["Help improve Claude Pro"];
  const problems = await selfTest(checkFlow(renamed), "anthropic");
  assert.equal(problems.length, 1);
  assert.match(problems[0], /names a control the page lacks \(missing\)/);
});

test("the self-test fails when a flow's name matches more than one control", async () => {
  const { raw } = FLOWS.find((f) => f.raw.fixture === "x");
  const vague = structuredClone(raw);
  vague.steps.find((s) => s.control).control.name = ["Allow"];
  assert.deepEqual(await selfTest(checkFlow(vague), "x"), ["stopped: ambiguous"]);
});

test("a control inside nested open shadow roots is found, read and switched (Reddit's page)", async () => {
  const { raw } = FLOWS.find((f) => f.raw.fixture === "reddit");
  const flow = checkFlow(raw);
  const window = load("reddit", flow.page.url);
  const result = await settled(window, flow);
  const control = result.steps.find((s) => s.found).found;
  assert.equal(control.localName, "faceplate-switch-input");
  assert.ok(control.getRootNode() !== window.document, "the switch sits in a shadow root");
  assert.equal(result.steps.find((s) => s.found).state, "on");
  window.close();
});

test("on the flow's address but signed out, the flow stops instead of guessing", async () => {
  const { raw } = FLOWS.find((f) => f.raw.fixture === "anthropic");
  const flow = checkFlow(raw);
  const { window } = new JSDOM(
    '<main><h1>Log in to Claude</h1><form><input type="email" aria-label="Email"><button>Continue with email</button></form></main>',
    { url: flow.page.url },
  );
  assert.equal(evaluate(window.document, window.location.href, flow).stop, "signed-out");
  const password = new JSDOM('<form><input type="password"></form><button role="switch" aria-checked="true" aria-label="Help improve Claude"></button>', { url: flow.page.url });
  assert.equal(evaluate(password.window.document, flow.page.url, flow).stop, "signed-out");
});

test("another page of the same site is not the settings page", () => {
  const { raw } = FLOWS.find((f) => f.raw.fixture === "openai");
  const flow = checkFlow(raw);
  const { window } = new JSDOM("<p>Hello</p>", { url: "https://chatgpt.com/#settings/Personalization" });
  assert.equal(evaluate(window.document, window.location.href, flow).stop, "other-page");
});

test("a control that shows no state stops the flow", () => {
  const flow = checkFlow({
    version: 1, setting: "S", page: { url: "https://example.test/s" }, verify: "reload", source: { url: "https://example.test/h", checked: "2026-12-02" },
    steps: [{ say: "Switch it off", control: { name: ["Share data"], role: ["switch"] }, want: "off", operate: true }],
  });
  const { window } = new JSDOM('<div role="switch" aria-label="Share data"></div>', { url: "https://example.test/s" });
  assert.equal(evaluate(window.document, window.location.href, flow).stop, "no-state");
});
