// lib/validate.js: message shapes, and the service's answer reduced to checked fields. The answer in
// fixtures/analysis.json is real: `termslens analyze --json --url https://www.anthropic.com/legal/consumer-terms
// --title "Consumer Terms" tests/js/fixtures/analysis.txt`, less its `text` (regenerate it the same way).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { CONTENT_MESSAGES, MSG, PAGE_MESSAGES, WORKER_MESSAGES } from "../../extension/lib/messages.js";
import {
  DROPPED_ACTION_FIELDS,
  DROPPED_ANNOTATION_FIELDS,
  PASSED_ACTION_FIELDS,
  PASSED_ANNOTATION_FIELDS,
  checkAnalysis,
  checkDigest,
  checkProvenance,
  checkSite,
  isHttpsUrl,
  messageProblem,
  reportAddress,
} from "../../extension/lib/validate.js";
import { ACTION_FIELDS, ANNOTATION_FIELDS } from "../../extension/lib/vocabulary.js";

const ANSWER = JSON.parse(readFileSync(new URL("./fixtures/analysis.json", import.meta.url), "utf-8"));
const answer = () => structuredClone(ANSWER);
const RECORD_ID = ANSWER.annotations.find((a) => a.kind === "record").id;

test("every annotation field the service sends is either passed on or dropped on purpose", () => {
  const handled = new Set([...PASSED_ANNOTATION_FIELDS, ...Object.keys(DROPPED_ANNOTATION_FIELDS)]);
  for (const field of ANNOTATION_FIELDS) assert.ok(handled.has(field), `validate.js neither passes nor drops '${field}'`);
  for (const field of handled) assert.ok(ANNOTATION_FIELDS.includes(field), `'${field}' is no longer in the schema`);
  for (const field of PASSED_ANNOTATION_FIELDS) assert.ok(!Object.hasOwn(DROPPED_ANNOTATION_FIELDS, field), field);
});

test("every action field the service sends is either passed on or dropped on purpose", () => {
  const handled = new Set([...PASSED_ACTION_FIELDS, ...Object.keys(DROPPED_ACTION_FIELDS)]);
  assert.deepEqual([...ACTION_FIELDS].sort(), [...handled].sort());
});

test("a real answer keeps its clauses, ids and actions, with the passed fields only", () => {
  const result = checkAnalysis(answer());
  assert.deepEqual(result.annotations.map((a) => a.id), ANSWER.annotations.map((a) => a.id));
  for (const annotation of result.annotations) {
    assert.deepEqual(Object.keys(annotation).sort(), [...PASSED_ANNOTATION_FIELDS].sort());
  }
  const training = result.annotations.find((a) => a.id === RECORD_ID);
  assert.equal(training.exact, ANSWER.annotations.find((a) => a.id === RECORD_ID).exact);
  assert.equal(training.actions[0].url, "https://claude.ai/settings/data-privacy-controls");
  assert.match(training.actions[0].key, /^opt-out:[0-9a-f]{8}$/);
  assert.equal(result.summary.total, ANSWER.annotations.length);
  assert.equal(result.service.name, "Claude (Anthropic)");
});

test("a generic clause keeps its id, advice and the opt-out address it states", () => {
  const generic = checkAnalysis(answer()).annotations.find((a) => a.kind === "generic");
  assert.match(generic.id, /^generic:arbitration:[0-9a-f]{12}$/);
  assert.ok(generic.advice.length > 0);
  const request = generic.actions.find((a) => a.email);
  assert.equal(request.email, "optout@example.com");
  assert.ok(request.subject, "an emailed request keeps its subject line");
});

test("an imported clause keeps who curated it, with https links only", () => {
  const data = answer();
  const provenance = {
    project: "ToS;DR", point_id: "5719", licence: "CC BY-SA 3.0", url: "https://edit.tosdr.org/points/5719",
    licence_url: "https://creativecommons.org/licenses/by-sa/3.0/", credit: "Curated by ToS;DR volunteers", snapshot: "2021",
  };
  data.annotations.find((a) => a.id === RECORD_ID).provenance = provenance;
  const checked = checkAnalysis(data).annotations;
  assert.deepEqual(checked.find((a) => a.id === RECORD_ID).provenance, provenance);
  assert.ok(checked.filter((a) => a.id !== RECORD_ID).every((a) => a.provenance === null));
  assert.equal(checkProvenance({ ...provenance, url: "javascript:alert(1)" }), null);
  assert.equal(checkProvenance({ ...provenance, licence_url: "http://example.com/" }).licence_url, null);
  assert.equal(checkProvenance({ ...provenance, snapshot: "<b>2021</b>" }).snapshot, null);
  assert.equal(checkProvenance("ToS;DR"), null);
});

test("annotations without a valid id, quote, kind or severity are left out", () => {
  const data = answer();
  const base = data.annotations[0];
  data.annotations = [
    { ...base, id: undefined },
    { ...base, id: "record:x:zzzz" },
    { ...base, id: "javascript:alert(1)" },
    { ...base, id: "record:a:0123456789ab", exact: "" },
    { ...base, id: "record:b:0123456789ab", severity: "critical" },
    { ...base, id: "record:c:0123456789ab", kind: "curated" },
    { ...base, id: "record:d:0123456789ab" },
    null,
    "text",
    [],
  ];
  assert.deepEqual(checkAnalysis(data).annotations.map((a) => a.id), ["record:d:0123456789ab"]);
});

test("a second annotation with an id already seen is left out (no message could tell them apart)", () => {
  const data = answer();
  data.annotations = [data.annotations[0], { ...data.annotations[0], title: "Impostor" }];
  const kept = checkAnalysis(data).annotations;
  assert.equal(kept.length, 1);
  assert.notEqual(kept[0].title, "Impostor");
});

test("links that are not https are dropped from sources and actions; the action stays without a link", () => {
  const data = answer();
  const annotation = data.annotations[0];
  annotation.source_url = "javascript:alert(1)";
  annotation.actions = [
    { kind: "opt-out", label: "Phish", url: "http://evil.example/", steps: [], caveats: [] },
    { kind: "opt-out", label: "Data", url: "data:text/html,<script>1</script>", steps: [], caveats: [] },
  ];
  const checked = checkAnalysis(data).annotations[0];
  assert.equal(checked.source_url, null);
  assert.deepEqual(checked.actions.map((a) => a.url), [null, null]);
});

test("hostile values are cut, defaulted or dropped, never passed through as they came", () => {
  const data = answer();
  const annotation = data.annotations[0];
  Object.assign(annotation, {
    title: "T".repeat(100_000),
    stance: "evil",
    score: 1e9,
    source_date: "<b>2020</b>",
    regulations: ["GDPR", 42, { toString: "x" }],
    actions: [{ kind: "launch-missiles", label: "Go" }, { kind: "read", label: "" }, { kind: "contact", label: "Mail", email: "a@b.com\" onclick=x" }],
    peers: { summary: 7 },
  });
  const checked = checkAnalysis(data).annotations[0];
  assert.equal(checked.title.length, 400);
  assert.equal(checked.stance, "neutral");
  assert.equal(checked.score, null);
  assert.equal(checked.source_date, null);
  assert.deepEqual(checked.regulations, ["GDPR"]);
  assert.deepEqual(checked.actions.map((a) => [a.kind, a.email]), [["contact", null]]);
  assert.equal(checked.peers, null);
});

test("an answer without an annotation list is refused; a missing service is null", () => {
  for (const bad of [null, 42, "x", {}, { annotations: "no" }]) assert.throws(() => checkAnalysis(bad), TypeError);
  assert.equal(checkAnalysis({ annotations: [] }).service, null);
});

test("the severity counts are computed from the kept clauses, not taken from the service", () => {
  const data = answer();
  data.summary = { total: 999, by_severity: { high: 999, medium: 0, low: 0 } };
  const result = checkAnalysis(data);
  assert.equal(result.summary.total, ANSWER.annotations.length);
  const high = ANSWER.annotations.filter((a) => a.severity === "high").length;
  assert.equal(result.summary.by_severity.high, high);
});

test("site actions are keyed per record and keep the record they belong to; actions without one are dropped", () => {
  const site = checkSite({
    service: { id: "s", name: "S", domains: ["s.example"] },
    records: [{ id: "s-one", title: "One" }],
    actions: [
      { kind: "opt-out", label: "Off", url: "https://s.example/off", steps: [], caveats: [], record_id: "s-one" },
      { kind: "opt-out", label: "Off", url: "https://s.example/off", steps: [], caveats: [], record_id: "s-one" },
      { kind: "opt-out", label: "Orphan", url: "https://s.example/x", steps: [], caveats: [] },
      { kind: "opt-out", label: "Bad id", url: "https://s.example/y", steps: [], caveats: [], record_id: "../etc" },
    ],
  });
  assert.deepEqual(site.actions.map((a) => [a.record_id, a.recordTitle, a.key.split(":")[0]]), [
    ["s-one", "One", "opt-out"],
    ["s-one", "One", "opt-out"],
  ]);
  assert.notEqual(site.actions[0].key, site.actions[1].key);
  assert.equal(checkSite({ service: null }).actions.length, 0);
});

test("a well-formed message passes; each sender may send only its own types", () => {
  const report = { type: MSG.REPORT_PROBLEM, id: RECORD_ID, note: "" };
  assert.equal(messageProblem(report, CONTENT_MESSAGES), null);
  assert.match(messageProblem(report, PAGE_MESSAGES), /not accepted/);
  assert.match(messageProblem({ type: MSG.SET_OPTIONS, port: 1, autoAnalyze: true }, CONTENT_MESSAGES), /not accepted/);
  assert.equal(messageProblem({ type: MSG.SCROLL_TO_CLAUSE, id: RECORD_ID }, WORKER_MESSAGES), null);
});

test("messages that name a clause by position, carry a link, or add fields are refused", () => {
  const cases = [
    { type: MSG.SHOW_CLAUSE, tabId: 1, index: 0 },
    { type: MSG.SHOW_CLAUSE, tabId: 1, id: RECORD_ID, index: 0 },
    { type: MSG.OPEN_ACTION, source: "annotation", id: RECORD_ID, action: "opt-out:0123abcd", url: "https://phish.example/" },
    { type: MSG.OPEN_ACTION, source: "annotation", id: RECORD_ID, action: "https://phish.example/" },
    { type: MSG.OPEN_ACTION, source: "annotation", id: RECORD_ID, actionIndex: 0 },
    { type: MSG.REPORT_PROBLEM, id: "record:x:0123456789ab", note: "n".repeat(2001) },
    { type: MSG.REPORT_PROBLEM, id: 3, note: "" },
  ];
  for (const message of cases) assert.notEqual(messageProblem(message, new Set(Object.values(MSG))), null, JSON.stringify(message));
  assert.equal(
    messageProblem({ type: MSG.OPEN_ACTION, source: "site", id: "anthropic-terms-model-training", action: "opt-out:0123abcd" }, PAGE_MESSAGES),
    null,
  );
});

test("non-objects, prototype tricks and wrong types are refused with a reason", () => {
  assert.equal(messageProblem(null, CONTENT_MESSAGES), "not an object");
  assert.equal(messageProblem([MSG.CLEAR_PAGE], CONTENT_MESSAGES), "not an object");
  assert.match(messageProblem({ type: "toString" }, CONTENT_MESSAGES), /not accepted/);
  assert.match(messageProblem({ type: MSG.GET_TAB_SUMMARY, tabId: "1; drop" }, PAGE_MESSAGES), /integer/);
  assert.match(messageProblem({ type: MSG.SET_OPTIONS, port: 70000, autoAnalyze: true }, PAGE_MESSAGES), /1\.\.65535/);
  assert.match(messageProblem(JSON.parse('{"type": "clearPage", "__proto__": {"x": 1}}'), CONTENT_MESSAGES), /unexpected field/);
});

test("only https URLs count as links", () => {
  assert.equal(isHttpsUrl("https://example.com/a"), true);
  for (const url of ["http://example.com", "javascript:alert(1)", "data:text/html,x", "//example.com", "https//x", 42, null]) {
    assert.equal(isHttpsUrl(url), false, String(url));
  }
});

test("the digest keeps its order and names only annotations the answer kept", () => {
  const data = answer();
  assert.ok(data.digest.length > 0 && data.digest.length <= 7);
  const result = checkAnalysis(data);
  assert.deepEqual(result.digest.map((e) => e.title), data.digest.map((e) => e.title));
  const kept = new Set(result.annotations.map((a) => a.id));
  for (const entry of result.digest) {
    assert.ok(entry.annotation_ids.every((id) => kept.has(id)));
    assert.equal(entry.count, entry.annotation_ids.length);
  }
  // An annotation dropped as malformed leaves the digest too; an entry left with none goes.
  const [first] = data.digest;
  data.annotations = data.annotations.filter((a) => !first.annotation_ids.includes(a.id));
  assert.ok(!checkAnalysis(data).digest.some((e) => e.title === first.title && e.category === first.category));
});

test("a malformed digest is cut to what can be shown, and an old answer has none", () => {
  const kept = new Set(["generic:tracking:0123456789ab", "generic:tracking:0123456789ac"]);
  const entry = { category: "tracking", title: "<b>x</b>", severity: "medium", stance: "bad", kind: "generic", can_act: "yes",
    count: 99, annotation_ids: ["generic:tracking:0123456789ab", "generic:tracking:0123456789ab", "nope", 3, "generic:tracking:0123456789ac"] };
  const [checked] = checkDigest([entry, { ...entry, severity: "extreme" }, null, "x"], kept);
  assert.deepEqual(checked.annotation_ids, ["generic:tracking:0123456789ab", "generic:tracking:0123456789ac"]);
  assert.equal(checked.count, 2);
  assert.equal(checked.can_act, false);
  assert.equal(checked.title, "<b>x</b>"); // shown as text by the popup, never parsed
  assert.equal(checkDigest(Array(20).fill(entry), kept).length, 7);
  const { digest, ...old } = answer();
  assert.ok(digest.length);
  assert.deepEqual(checkAnalysis(old).digest, []);
});

test("a report keeps the page's address without its query or fragment, within the service's limit", () => {
  assert.equal(
    reportAddress("https://www.example.com/legal/terms?session=secret&q=x#section-4"),
    "https://www.example.com/legal/terms",
  );
  const long = `https://www.example.com/${"a".repeat(5000)}`;
  assert.equal(reportAddress(long).length, 2048);
  assert.equal(reportAddress("not an address"), null);
});
