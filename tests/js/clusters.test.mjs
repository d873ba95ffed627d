// content/clusters.js: which clauses share a marker on the page.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CLUSTER_GAP_CHARS, clusterClauses } from "../../extension/content/clusters.js";

let next = 0;
/** A clause of `category` (generic unless `kind`) whose text starts at `start` and is `length` long. */
function clause(category, start, { length = 100, kind = "generic", stance = "bad" } = {}) {
  next += 1;
  return { id: `${kind}:${category}:${String(next).padStart(12, "0")}`, annotation: { kind, category, stance, start_utf16: start, exact: "x".repeat(length) } };
}

test("nearby clauses of one type share a marker; far ones and other types do not", () => {
  const a = clause("limitation-of-liability", 0);
  const b = clause("limitation-of-liability", 300);
  const other = clause("arbitration", 450);
  const c = clause("limitation-of-liability", 600);
  const far = clause("limitation-of-liability", 600 + 100 + CLUSTER_GAP_CHARS + 1);
  const clusters = clusterClauses([a, b, other, c, far]);
  assert.deepEqual(clusters.map((k) => k.ids), [[a.id, b.id, c.id], [other.id], [far.id]]);
  assert.deepEqual(clusters.map((k) => k.id), [a.id, other.id, far.id]);
});

test("a cluster's marker stands for its curated clause", () => {
  const first = clause("unilateral-termination", 0);
  const record = clause("unilateral-termination", 400, { kind: "record" });
  const [cluster] = clusterClauses([first, record, clause("unilateral-termination", 800)]);
  assert.equal(cluster.id, record.id);
  assert.equal(cluster.ids[0], first.id);
  assert.equal(cluster.ids.length, 3);
});

test("good news and bad news of one category are different types", () => {
  const bad = clause("unilateral-change", 0);
  const good = clause("unilateral-change", 200, { stance: "good" });
  assert.equal(clusterClauses([bad, good]).length, 2);
});

test("a clause without a position is a marker of its own", () => {
  const a = clause("tracking", 0);
  const lost = clause("tracking", null);
  const b = clause("tracking", 150);
  assert.deepEqual(clusterClauses([a, lost, b]).map((k) => k.ids.length), [2, 1]);
  assert.deepEqual(clusterClauses([]), []);
});

test("without a curated clause, the one that offers something to do speaks for the cluster", () => {
  const first = clause("arbitration", 0);
  const optOut = clause("arbitration", 300);
  optOut.annotation.actions = [{ kind: "request", label: "Opt out of arbitration" }];
  const [cluster] = clusterClauses([first, optOut, clause("arbitration", 600)]);
  assert.equal(cluster.id, optOut.id);
});
