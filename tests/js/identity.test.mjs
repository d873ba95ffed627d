// lib/identity.js: how messages name actions (kind + hash of what the action does), stable and unique.
import assert from "node:assert/strict";
import { test } from "node:test";

import { ACTION_KEY_PATTERN, ANNOTATION_ID_PATTERN, actionKey, fnv1a, withActionKeys } from "../../extension/lib/identity.js";

const optOut = { kind: "opt-out", label: "Turn off training", url: "https://claude.ai/settings", email: null };

test("FNV-1a gives the published test vectors", () => {
  assert.equal(fnv1a(""), "811c9dc5");
  assert.equal(fnv1a("a"), "e40c292c");
  assert.equal(fnv1a("foobar"), "bf9cf968");
});

test("an action's key depends on what it does, not on where it sits in a list", () => {
  const other = { kind: "contact", label: "Write to us", url: null, email: "privacy@example.com" };
  const first = withActionKeys([optOut, other]);
  const swapped = withActionKeys([other, optOut]);
  assert.equal(first[0].key, swapped[1].key);
  assert.equal(first[1].key, swapped[0].key);
  assert.match(first[0].key, ACTION_KEY_PATTERN);
  assert.ok(first[0].key.startsWith("opt-out:"));
});

test("a changed link, address or label gives another key", () => {
  const base = actionKey(optOut);
  assert.notEqual(actionKey({ ...optOut, url: "https://phish.example/settings" }), base);
  assert.notEqual(actionKey({ ...optOut, label: "Other" }), base);
  assert.notEqual(actionKey({ ...optOut, email: "a@b.co" }), base);
  assert.equal(actionKey({ ...optOut }), base);
});

test("exact repeats are numbered so every action of a clause has its own key", () => {
  const keys = withActionKeys([optOut, { ...optOut }, { ...optOut }]).map((a) => a.key);
  assert.equal(new Set(keys).size, 3);
  assert.deepEqual(keys.slice(1).map((k) => k.split("~")[1]), ["2", "3"]);
  for (const key of keys) assert.match(key, ACTION_KEY_PATTERN);
});

test("annotation ids follow the service's schema", () => {
  for (const id of ["record:anthropic-terms-model-training:54c2a20465e1", "generic:arbitration:532de7843f05~2"]) {
    assert.match(id, ANNOTATION_ID_PATTERN);
  }
  for (const id of ["0", "record:X:54c2a20465e1", "other:a:54c2a20465e1", "record:a:54c2a2", "record:a:54c2a20465e1 "]) {
    assert.doesNotMatch(id, ANNOTATION_ID_PATTERN);
  }
});
