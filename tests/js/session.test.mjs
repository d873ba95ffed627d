// content/session.js: the page's state in one place, mirrored to <html data-termslens-state>.
import assert from "node:assert/strict";
import { test } from "node:test";

import { PAGE_STATES, PageSession } from "../../extension/content/session.js";
import { page } from "./dom.mjs";

test("the state is shown on the root element, where tests and tools read it", () => {
  const doc = page("");
  const session = new PageSession(doc.documentElement, "https://example.com/terms");
  assert.equal(doc.documentElement.getAttribute("data-termslens-state"), null);
  session.setState(PAGE_STATES.ANALYZING);
  assert.equal(doc.documentElement.getAttribute("data-termslens-state"), "analyzing");
  session.setState(PAGE_STATES.READY);
  assert.equal(doc.documentElement.dataset.termslensState, "ready");
});

test("an unknown state is refused and leaves the shown state as it was", () => {
  const doc = page("");
  const session = new PageSession(doc.documentElement, "https://example.com/");
  session.setState(PAGE_STATES.IDLE);
  assert.throws(() => session.setState("done"), RangeError);
  assert.equal(doc.documentElement.dataset.termslensState, "idle");
});

test("a page's own re-read keeps the trigger that allowed the analysis; forgetting clears it", () => {
  const session = new PageSession(page("").documentElement, "https://example.com/");
  session.keep({ annotations: [] }, { text: "a", trigger: "request", url: "https://example.com/", now: 5 });
  session.keep({ annotations: [] }, { text: "b", trigger: "update", url: "https://example.com/", now: 9 });
  assert.equal(session.trigger, "request");
  assert.equal(session.text, "b");
  assert.equal(session.analysedAt, 9);
  session.forget();
  assert.equal(session.trigger, null);
  assert.equal(session.result, null);
});

test("clauses are looked up by id", () => {
  const session = new PageSession(page("").documentElement, "https://example.com/");
  session.clauses = [{ id: "record:a:0123456789ab" }, { id: "generic:b:0123456789ab" }];
  assert.equal(session.clause("generic:b:0123456789ab"), session.clauses[1]);
  assert.equal(session.clause("generic:c:0123456789ab"), undefined);
});
