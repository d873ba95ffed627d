// content/change.js: whether a page changed enough to be analysed again.
import assert from "node:assert/strict";
import { test } from "node:test";

import { MATERIAL_MIN_WORDS, isMaterialChange, wordChange } from "../../extension/content/change.js";

const TERMS = Array.from({ length: 400 }, (_, i) => `Clause ${i} says the service may do thing number ${i}.`).join(" ");

test("the same text, or the same words moved around, is no change", () => {
  assert.deepEqual(wordChange(TERMS, TERMS).changed, 0);
  const [first, ...rest] = TERMS.split(". ");
  assert.equal(wordChange(TERMS, [...rest, first].join(". ")).changed, 0);
  assert.equal(isMaterialChange(TERMS, TERMS), false);
});

test("one word swapped on a long page (a clock, a counter) is not material", () => {
  const a = `Today is Monday. ${TERMS}`;
  const b = `Today is Tuesday. ${TERMS}`;
  assert.equal(wordChange(a, b).changed, 2);
  assert.equal(isMaterialChange(a, b), false);
});

test("a clause-sized passage added, removed or rewritten is material", () => {
  const clause = "You may opt out of arbitration within thirty days by writing to our legal department at any time.";
  assert.ok(clause.split(" ").length >= MATERIAL_MIN_WORDS);
  assert.equal(isMaterialChange(TERMS, `${TERMS} ${clause}`), true);
  assert.equal(isMaterialChange(`${TERMS} ${clause}`, TERMS), true);
});

test("changes spread over the page add up", () => {
  const words = TERMS.split(" ");
  const edited = words.map((word, i) => (i % 200 === 0 ? "CHANGED" : word)).join(" ");
  const changed = wordChange(TERMS, edited).changed;
  assert.ok(changed >= MATERIAL_MIN_WORDS, String(changed));
  assert.equal(isMaterialChange(TERMS, edited), true);
});

test("on a short page a few words are a real change", () => {
  assert.equal(isMaterialChange("We sell your data to partners.", "We never sell your data to anyone."), true);
});

test("case and punctuation alone do not count", () => {
  assert.equal(wordChange("We may share data.", "we MAY share data!").changed, 0);
});
