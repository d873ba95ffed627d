// lib/ratelimit.js: the worker's per-tab limit on reports and opened actions.
import assert from "node:assert/strict";
import { test } from "node:test";

import { RATE_LIMITS } from "../../extension/lib/constants.js";
import { RateLimiter } from "../../extension/lib/ratelimit.js";

const clock = () => {
  let now = 0;
  return { now: () => now, advance: (ms) => (now += ms) };
};

test("a burst gets exactly `count` through, the rest is refused", () => {
  const time = clock();
  const limiter = new RateLimiter({ count: 3, windowMs: 60_000 }, time.now);
  const results = Array.from({ length: 10 }, () => limiter.take("tab 1"));
  assert.deepEqual(results, [true, true, true, false, false, false, false, false, false, false]);
});

test("the window slides: an event is allowed again once the oldest leaves it", () => {
  const time = clock();
  const limiter = new RateLimiter({ count: 2, windowMs: 1000 }, time.now);
  assert.equal(limiter.take("t"), true);
  time.advance(600);
  assert.equal(limiter.take("t"), true);
  assert.equal(limiter.take("t"), false);
  time.advance(401); // the first left the window, the second is still in it
  assert.equal(limiter.take("t"), true);
  assert.equal(limiter.take("t"), false);
});

test("keys (tabs) are limited separately, and a forgotten key starts afresh", () => {
  const limiter = new RateLimiter({ count: 1, windowMs: 60_000 }, clock().now);
  assert.equal(limiter.take("tab 1"), true);
  assert.equal(limiter.take("tab 2"), true);
  assert.equal(limiter.take("tab 1"), false);
  limiter.forget("tab 1");
  assert.equal(limiter.take("tab 1"), true);
});

test("the worker's limits stop issue 10's ten reports at a few per minute", () => {
  const limiter = new RateLimiter(RATE_LIMITS.report, clock().now);
  const stored = Array.from({ length: 10 }, () => limiter.take("tab")).filter(Boolean).length;
  assert.ok(stored >= 1 && stored <= 5, String(stored));
});
