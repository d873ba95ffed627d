// content/layout.js: where markers and the card go, as arithmetic on rectangles.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CARD_EDGE, CARD_GAP, CARD_MIN_HEIGHT, MARKER_EDGE, MARKER_GAP, MARKER_SIZE, cardSpot, markerSpot, overlaps, roomScroll } from "../../extension/content/layout.js";

const VIEW = { width: 1280, height: 900 };

test("a marker sits in the margin left of its block, centred on the clause's first line", () => {
  const spot = markerSpot({ left: 300, top: 100, height: 26 }, 260, []);
  assert.equal(spot.left, 260 - MARKER_SIZE - MARKER_GAP);
  assert.equal(spot.top, 100 + (26 - MARKER_SIZE) / 2);
});

// A paragraph with no margin in a 700 px window: three lines of text from x=0 to x=700, the last one short.
const LINES = [
  { left: 0, top: 100, right: 700, bottom: 120 },
  { left: 0, top: 128, right: 700, bottom: 148 },
  { left: 0, top: 156, right: 410, bottom: 176 },
];
const PREVIOUS = [{ left: 0, top: 40, right: 650, bottom: 60 }];
const marker = (spot) => ({ left: spot.left, top: spot.top, width: MARKER_SIZE, height: MARKER_SIZE });

test("without a margin the marker goes into the gap above the clause's first line, covering no text", () => {
  const line = { left: 0, top: 100, height: 20 };
  const spot = markerSpot(line, { left: 0, right: 700, bottom: 176 }, [], { view: { width: 700 }, around: () => ({ texts: [...PREVIOUS, ...LINES], lines: LINES }) });
  assert.equal(spot.inline, true);
  assert.equal(spot.top, 100 - MARKER_SIZE - 1);
  assert.ok(spot.left >= MARKER_EDGE);
  for (const text of [...PREVIOUS, ...LINES]) assert.ok(!overlaps(marker(spot), text));
});

test("a clause starting mid-paragraph gets the end of a line that stops short", () => {
  const line = { left: 300, top: 128, height: 20 };
  const spot = markerSpot(line, { left: 0, right: 700, bottom: 176 }, [], { view: { width: 700 }, around: () => ({ texts: [...PREVIOUS, ...LINES], lines: LINES.slice(1) }) });
  assert.equal(spot.left, 410 + MARKER_GAP);
  for (const text of LINES) assert.ok(!overlaps(marker(spot), text));
});

test("a right margin is used when the left one is missing", () => {
  const spot = markerSpot({ left: 0, top: 100, height: 20 }, { left: 0, right: 600 }, [], { view: { width: 700 }, around: () => ({ texts: LINES.map((l) => ({ ...l, right: 600 })), lines: [] }) });
  assert.equal(spot.left, 600 + MARKER_GAP);
  assert.equal(spot.inline, false);
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

test("the card opens below its clause when it fits there, kept inside the window", () => {
  const spot = cardSpot({ left: 1200, top: 100, right: 1260, bottom: 120 }, { width: 400, height: 300 }, VIEW);
  assert.equal(spot.top, 120 + CARD_GAP);
  assert.equal(spot.left, VIEW.width - 400 - CARD_EDGE);
  assert.equal(spot.maxHeight, null);
});

test("near the bottom of the window the card opens above its line", () => {
  const spot = cardSpot({ left: 100, top: 800, right: 700, bottom: 820 }, { width: 400, height: 300 }, VIEW);
  assert.equal(spot.top, 800 - CARD_GAP - 300);
  assert.equal(spot.maxHeight, null);
});

test("a card too tall for either side goes to the roomier one and scrolls inside", () => {
  const spot = cardSpot({ left: 100, top: 300, right: 900, bottom: 320 }, { width: 400, height: 600 + VIEW.height }, VIEW);
  assert.ok(!overlaps({ left: spot.left, top: spot.top, width: spot.width ?? 400, height: spot.maxHeight }, { left: 100, top: 300, right: 900, bottom: 320 }));
  assert.ok(spot.maxHeight >= CARD_MIN_HEIGHT && spot.top + spot.maxHeight <= VIEW.height);
});

test("the card never covers its own clause: a tall clause in the middle gets the card beside it", () => {
  const clause = { left: 100, top: 250, right: 700, bottom: 650 };
  const spot = cardSpot(clause, { width: 420, height: 500 }, VIEW);
  const card = { left: spot.left, top: spot.top, width: spot.width ?? 420, height: spot.maxHeight ?? 500 };
  assert.ok(!overlaps(card, clause));
  assert.ok(card.left + card.width <= VIEW.width - CARD_EDGE && card.top >= CARD_EDGE && card.top + card.height <= VIEW.height - CARD_EDGE);
});

test("in a narrow window the card goes below or above the whole clause, not just its first line", () => {
  const view = { width: 700, height: 900 };
  const clause = { left: 0, top: 120, right: 700, bottom: 400 };
  const spot = cardSpot(clause, { width: 420, height: 420 }, view);
  assert.equal(spot.top, 400 + CARD_GAP);
  assert.ok(!overlaps({ left: spot.left, top: spot.top, width: 420, height: spot.maxHeight ?? 420 }, clause));
});

test("a free margin is taken without measuring the text around the clause", () => {
  let measured = 0;
  const spot = markerSpot({ left: 300, top: 100, height: 26 }, { left: 280, right: 1000 }, [], {
    view: { width: 1280 },
    around: () => {
      measured += 1;
      return { texts: [], lines: [] };
    },
  });
  assert.equal(spot.left, 280 - MARKER_SIZE - MARKER_GAP);
  assert.equal(measured, 0);
});

test("a card that fits neither side is given room by scrolling its clause near the top, when both fit", () => {
  const view = { width: 1280, height: 900 };
  const clause = { top: 440, bottom: 570 };
  const by = roomScroll(clause, { height: 520 }, view);
  assert.ok(by > 0);
  const moved = { top: clause.top - by, bottom: clause.bottom - by };
  assert.ok(view.height - moved.bottom - CARD_GAP - CARD_EDGE >= 520, "after the scroll the card fits below");
  assert.equal(roomScroll({ top: 100, bottom: 130 }, { height: 520 }, view), 0, "it fits already");
  assert.equal(roomScroll({ top: 100, bottom: 700 }, { height: 520 }, view), 0, "clause and card are taller than the window");
});
