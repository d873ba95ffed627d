// What changed: the service's `changes` and `wording` reduced to checked fields (lib/validate.js), the words
// people read for them (lib/labels.js), and where the change markers go (content/layout.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { MARKER_EDGE, MARKER_GAP, MARKER_SIZE, markerSpotRight } from "../../extension/content/layout.js";
import { changedSince, describeReason } from "../../extension/lib/labels.js";
import { checkAnalysis, checkChanges, checkWording } from "../../extension/lib/validate.js";

// As POST /analyze answers it (analysis.schema.json "changes"): an edited clause that matters, a removed one.
const CHANGES = {
  last_read_at: "2026-03-12T10:00:00Z",
  previous_hash: "a".repeat(64),
  summary: { total: 2, material: 1, added: 0, removed: 1, edited: 1, moved: 0 },
  items: [
    {
      id: "change:0123456789ab",
      kind: "edited",
      material: true,
      reasons: [{ kind: "duration", what: "a duration", old: { start: 5, end: 12, text: "30 days" }, new: { start: 5, end: 12, text: "10 days" } }],
      old: { start: 0, end: 40, text: "You may opt out within 30 days of joining." },
      new: { start: 100, end: 140, start_utf16: 100, end_utf16: 140, text: "You may opt out within 10 days of joining.", prefix: "p", suffix: "s" },
      category: "arbitration",
      diff: [{ op: "equal", text: "You may opt out within", start: 100, end: 122 }, { op: "delete", text: "30", start: 23, end: 25 }, { op: "insert", text: "10", start: 123, end: 125 }],
    },
    {
      id: "change:ba9876543210",
      kind: "removed",
      material: false,
      reasons: [],
      old: { start: 50, end: 70, text: "We keep logs for a year." },
      new: null,
      category: null,
      diff: [],
    },
  ],
};

test("the changes keep what the page and the popup show, checked", () => {
  const changes = checkChanges(structuredClone(CHANGES));
  assert.equal(changes.last_read_at, "2026-03-12");
  assert.deepEqual(changes.summary, { total: 2, material: 1, added: 0, removed: 1, edited: 1, moved: 0 });
  const [edited, removed] = changes.items;
  assert.deepEqual(edited.reasons, [{ kind: "duration", what: "a duration", old: "30 days", new: "10 days" }]);
  assert.deepEqual(edited.new, { text: "You may opt out within 10 days of joining.", prefix: "p", suffix: "s", start_utf16: 100 });
  assert.deepEqual(edited.diff.map((step) => step.op), ["equal", "delete", "insert"]);
  assert.equal(removed.new, null);
  assert.equal(removed.old, "We keep logs for a year.");
});

test("a malformed change is left out, and changes without any valid item are none", () => {
  const bad = structuredClone(CHANGES);
  bad.items[0].id = "change:../../etc";
  bad.items[1].kind = "deleted-everything";
  assert.equal(checkChanges(bad), null);
  const odd = structuredClone(CHANGES);
  odd.items[0].reasons.push({ kind: "made-up", what: "x" }, "not an object");
  odd.items[0].diff.push({ op: "replace", text: "x" }, { op: "insert", text: 5 });
  const [item] = checkChanges(odd).items;
  assert.equal(item.reasons.length, 1);
  assert.equal(item.diff.length, 3);
  assert.equal(checkChanges(null), null);
  assert.equal(checkChanges({ items: "many" }), null);
});

test("the analysis passes its changes on, or null", () => {
  assert.equal(checkAnalysis({ annotations: [] }).changes, null);
  assert.equal(checkAnalysis({ annotations: [], changes: CHANGES }).changes.items.length, 2);
});

test("a wording check keeps its status, differences and whether the claims hold (false unless said)", () => {
  const wording = checkWording({
    status: "changed",
    verified_hash: "0123456789abcdef",
    verified: "2026-11-22",
    diff: [{ op: "delete", text: "€100", start: 0, end: 4 }, { op: "insert", text: "£100", start: 9, end: 13 }],
    material: [{ kind: "amount", what: "an amount", old: { text: "€100" }, new: { text: "£100" } }],
    absent: ["A sentence the page lacks."],
    claims_hold: "no",
  });
  assert.equal(wording.status, "changed");
  assert.equal(wording.claims_hold, false);
  assert.deepEqual(wording.material, [{ kind: "amount", what: "an amount", old: "€100", new: "£100" }]);
  assert.deepEqual(wording.absent, ["A sentence the page lacks."]);
  assert.equal(checkWording({ status: "mostly-fine" }), null);
  assert.equal(checkWording(null), null);
});

test("changes and differences read as sentences", () => {
  assert.equal(changedSince(checkChanges(structuredClone(CHANGES))), "Changed since you read it on 12 Mar 2026: 1 change that matters");
  assert.equal(describeReason({ kind: "duration", what: "a duration", old: "30 days", new: "10 days" }), "A duration: “30 days” then, “10 days” now");
  assert.equal(describeReason({ kind: "amount", what: "an amount", old: "€100", new: "£100" }, { then: "when checked", now: "here" }),
    "An amount: “€100” when checked, “£100” here");
  assert.equal(describeReason({ kind: "negation", what: "a negation", old: null, new: "not" }), "A negation added: “not”");
  assert.equal(describeReason({ kind: "category", what: "arbitration", old: "All disputes …", new: null }),
    "No longer a clause of this kind: Arbitration instead of court");
});

test("change markers sit in the right margin, inside the window, stacked on one line", () => {
  const line = { right: 900, top: 100, height: 26 };
  const placed = [];
  const first = markerSpotRight(line, 980, placed, 1280);
  assert.equal(first.left, 980 + MARKER_GAP);
  const second = markerSpotRight(line, 980, placed, 1280);
  assert.ok(second.top - first.top >= MARKER_SIZE);
  const narrow = markerSpotRight({ right: 1270, top: 10, height: 20 }, 1275, [], 1280);
  assert.equal(narrow.left, 1280 - MARKER_EDGE - MARKER_SIZE);
});
