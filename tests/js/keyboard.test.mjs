// content/keyboard.js: the shortcut's first clause and the keys that move between clauses.
import assert from "node:assert/strict";
import { test } from "node:test";

import { leadClause, movedIndex } from "../../extension/content/keyboard.js";
import { SEVERITIES } from "../../extension/lib/vocabulary.js";

const [HIGH, MEDIUM, LOW] = SEVERITIES;
const clause = (id, severity, range = {}) => ({ id, severity, range });

test("the shortcut goes to the first clause of the highest severity, in page order", () => {
  const clauses = [clause("a", LOW), clause("b", MEDIUM), clause("c", HIGH), clause("d", HIGH)];
  assert.equal(leadClause(clauses).id, "c");
  assert.equal(leadClause([clause("a", LOW), clause("b", MEDIUM)]).id, "b");
});

test("clauses no longer on the page are skipped", () => {
  assert.equal(leadClause([clause("a", HIGH, null), clause("b", LOW)]).id, "b");
  assert.equal(leadClause([]), null);
});

test("with a digest, the shortcut goes to the first clause on the page of its first entry", () => {
  const clauses = [clause("a", LOW), clause("b", HIGH), clause("c", MEDIUM), clause("d", MEDIUM)];
  assert.equal(leadClause(clauses, [{ annotation_ids: ["d", "c"] }, { annotation_ids: ["b"] }]).id, "d");
  // An entry whose clauses left the page gives way to the next.
  const gone = [clause("a", LOW), clause("b", HIGH), clause("c", MEDIUM, null)];
  assert.equal(leadClause(gone, [{ annotation_ids: ["c"] }, { annotation_ids: ["a"] }]).id, "a");
  assert.equal(leadClause(gone, []).id, "b");
});

test("arrow keys, j and k move to the next and previous clause, Home and End to the ends", () => {
  assert.equal(movedIndex("ArrowDown", 2, 5), 3);
  assert.equal(movedIndex("j", 2, 5), 3);
  assert.equal(movedIndex("ArrowUp", 2, 5), 1);
  assert.equal(movedIndex("k", 0, 5), 0);
  assert.equal(movedIndex("ArrowDown", 4, 5), 4);
  assert.equal(movedIndex("Home", 3, 5), 0);
  assert.equal(movedIndex("End", 0, 5), 4);
});

test("other keys, and keys with a modifier, are left to the browser", () => {
  assert.equal(movedIndex("Tab", 1, 5), null);
  assert.equal(movedIndex("Enter", 1, 5), null);
  assert.equal(movedIndex("ArrowDown", 1, 5, { altKey: true }), null);
});
