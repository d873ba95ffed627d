// lib/api.js: busy is not dead. A refused connection is "not running"; a timeout or a 503 busy is "busy",
// and analyses are retried with back-off. fetch is replaced by a stub for each test.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { BUSY_RETRY } from "../../extension/lib/constants.js";
import { ERROR_CODES, analyze, backoffMs, feedback, health, retryAfterMs } from "../../extension/lib/api.js";

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

const json = (status, body, headers = {}) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
const BUSY = () => json(503, { error: { code: "busy", message: "Too many analyses." } }, { "Retry-After": "2" });
const PAGE = { url: "https://example.com/terms", title: "Terms", text: "We may share data." };
const noSleep = () => Promise.resolve();

function stub(...answers) {
  const calls = [];
  globalThis.fetch = async (url, init) => {
    calls.push({ url, method: init.method });
    const next = answers.length > 1 ? answers.shift() : answers[0];
    return typeof next === "function" ? next(init) : next;
  };
  return calls;
}

test("a refused connection means the service is not running", async () => {
  stub(() => Promise.reject(new TypeError("Failed to fetch")));
  const answer = await health(8767);
  assert.equal(answer.ok, false);
  assert.equal(answer.error.code, ERROR_CODES.UNAVAILABLE);
});

test("no answer within the timeout means busy, not dead", async () => {
  stub((init) => new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")))));
  const answer = await health(8767);
  assert.equal(answer.error.code, ERROR_CODES.BUSY);
});

test("a 503 busy is busy, with the Retry-After the service asked for", async () => {
  stub(BUSY());
  const answer = await health(8767);
  assert.equal(answer.error.code, ERROR_CODES.BUSY);
  assert.equal(answer.error.retryAfterMs, 2000);
});

test("another 503 or error keeps its own code and is not called busy", async () => {
  stub(json(503, { error: { code: "maintenance", message: "Down for maintenance." } }));
  assert.equal((await health(8767)).error.code, "maintenance");
  stub(json(422, { error: { code: "empty_text", message: "Nothing to analyze." } }));
  assert.equal((await feedback(8767, {})).error.code, "empty_text");
});

test("an analysis is retried while the service is busy, with growing waits, and succeeds when it answers", async () => {
  const calls = stub(BUSY(), BUSY(), json(200, { annotations: [] }));
  const waits = [];
  const answer = await analyze(8767, PAGE, { sleep: async (ms) => waits.push(ms) });
  assert.equal(answer.ok, true);
  assert.equal(calls.length, 3);
  assert.deepEqual(waits, [backoffMs(0, 2000), backoffMs(1, 2000)]);
  assert.ok(waits[1] >= waits[0]);
});

test("an analysis gives up after the retries and says busy", async () => {
  const calls = stub(BUSY());
  const answer = await analyze(8767, PAGE, { sleep: noSleep });
  assert.equal(calls.length, 1 + BUSY_RETRY.retries);
  assert.equal(answer.error.code, ERROR_CODES.BUSY);
});

test("errors that are not busy are not retried", async () => {
  const calls = stub(json(422, { error: { code: "empty_text", message: "Nothing." } }));
  await analyze(8767, PAGE, { sleep: noSleep });
  assert.equal(calls.length, 1);
  const refused = stub(() => Promise.reject(new TypeError("Failed to fetch")));
  assert.equal((await analyze(8767, PAGE, { sleep: noSleep })).error.code, ERROR_CODES.UNAVAILABLE);
  assert.equal(refused.length, 1);
});

test("back-off doubles from the base, honours a longer Retry-After, and is capped", () => {
  assert.deepEqual([0, 1, 2].map((n) => backoffMs(n)), [1000, 2000, 4000]);
  assert.equal(backoffMs(0, 3000), 3000);
  assert.equal(backoffMs(10), BUSY_RETRY.maxMs);
  assert.equal(backoffMs(0, 600_000), BUSY_RETRY.maxMs);
  assert.equal(retryAfterMs("5"), 5000);
  assert.equal(retryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT"), null);
  assert.equal(retryAfterMs(null), null);
});
