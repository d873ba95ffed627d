// content/layout.js: where markers and the card go, as arithmetic on rectangles.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CARD_EDGE, CARD_GAP, CARD_MIN_HEIGHT, MARKER_EDGE, MARKER_GAP, MARKER_SIZE, cardSpot, markerSpot } from "../../extension/content/layout.js";

const VIEW = { width: 1280, height: 900 };

test("a marker sits in the margin left of its block, centred on the clause's first line", () => {
  const spot = markerSpot({ left: 300, top: 100, height: 26 }, 260, []);
  assert.equal(spot.left, 260 - MARKER_SIZE - MARKER_GAP);
  assert.equal(spot.top, 100 + (26 - MARKER_SIZE) / 2);
});

test("without a margin the marker sits on the first letter's edge, never off screen", () => {
  const spot = markerSpot({ left: 10, top: 50, height: 22 }, 10, []);
  assert.ok(spot.left >= MARKER_EDGE);
  assert.equal(spot.left, Math.max(MARKER_EDGE, 10 - MARKER_SIZE / 2));
});

test("markers of clauses starting on the same line stack instead of covering each other", () => {
  const placed = [];
  const line = { left: 300, top: 100, height: 22 };
  const first = markerSpot(line, 300, placed);
  const second = markerSpot(line, 300, placed);
  const third = markerSpot(line, 300, placed);
  assert.equal(placed.length, 3);
  assert.ok(second.top - first.top >= MARKER_SIZE && third.top - second.top >= MARKER_SIZE);
});

test("the card opens below its line when it fits there, kept inside the window", () => {
  const spot = cardSpot({ left: 1200, top: 100, bottom: 120 }, { width: 400, height: 300 }, VIEW);
  assert.equal(spot.top, 120 + CARD_GAP);
  assert.equal(spot.left, VIEW.width - 400 - CARD_EDGE);
  assert.equal(spot.maxHeight, null);
});

test("near the bottom of the window the card opens above its line", () => {
  const spot = cardSpot({ left: 100, top: 800, bottom: 820 }, { width: 400, height: 300 }, VIEW);
  assert.equal(spot.top, 800 - CARD_GAP - 300);
  assert.equal(spot.maxHeight, null);
});

test("a card too tall for either side goes to the roomier one and scrolls inside", () => {
  const spot = cardSpot({ left: 100, top: 300, bottom: 320 }, { width: 400, height: 2000 }, VIEW);
  assert.ok(spot.top > 320, "below is roomier");
  assert.ok(spot.maxHeight >= CARD_MIN_HEIGHT && spot.top + spot.maxHeight <= VIEW.height);
});
