// lib/labels.js: readable words for exactly the vocabulary the service generates (lib/vocabulary.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ACTION_KIND_LABELS,
  CHANGING_KINDS,
  GENERIC_KIND,
  INFORMING_KINDS,
  OPT_OUT_KIND,
  RECORD_KIND,
  SEVERITY_LABELS,
  STANCE_LABELS,
  WORDS,
  categoryName,
  humanize,
} from "../../extension/lib/labels.js";
import { ACTION_KINDS, ANNOTATION_KINDS, CATEGORIES, SEVERITIES, STANCES } from "../../extension/lib/vocabulary.js";

test("each label table has exactly the vocabulary's values, each with non-empty words", () => {
  for (const [labels, values] of [[SEVERITY_LABELS, SEVERITIES], [STANCE_LABELS, STANCES], [ACTION_KIND_LABELS, ACTION_KINDS]]) {
    assert.deepEqual(Object.keys(labels), [...values]);
    for (const value of values) assert.ok(labels[value] && !labels[value].includes("undefined"), value);
  }
  assert.equal(STANCE_LABELS.good, "In your favour");
  assert.equal(ACTION_KIND_LABELS["opt-out"], "Opt out");
});

test("hand-written words and named kinds are all vocabulary values (a renamed value is noticed)", () => {
  for (const stance of Object.keys(WORDS.stances)) assert.ok(STANCES.includes(stance), stance);
  for (const kind of Object.keys(WORDS.actionKinds)) assert.ok(ACTION_KINDS.includes(kind), kind);
  for (const kind of [OPT_OUT_KIND, ...INFORMING_KINDS]) assert.ok(ACTION_KINDS.includes(kind), kind);
  assert.deepEqual([RECORD_KIND, GENERIC_KIND].sort(), [...ANNOTATION_KINDS].sort());
});

test("the action kinds that change something are the vocabulary's, less those that only inform", () => {
  assert.deepEqual(CHANGING_KINDS, ACTION_KINDS.filter((kind) => !INFORMING_KINDS.has(kind)));
  assert.ok(CHANGING_KINDS.includes(OPT_OUT_KIND));
  assert.ok(!CHANGING_KINDS.includes("read"));
});

test("a category is named from the taxonomy; an unknown one from its own words", () => {
  assert.equal(categoryName("ai-training"), CATEGORIES["ai-training"].name);
  assert.equal(categoryName("brand-new-thing"), "Brand new thing");
  assert.equal(categoryName("constructor"), "Constructor");
  assert.equal(humanize("opt-out"), "Opt out");
});
