/**
 * Where the markers and the card go, as plain arithmetic on rectangles (viewport coordinates): no DOM, so
 * Node can test it. content/markers.js and content/popover.js measure, call these, and move elements.
 */

/** A marker is a 22 px circle (content/ui-style.js .marker): big enough to hit, small enough for a margin. */
export const MARKER_SIZE = 22;
/** Space between a marker and the text of its block. */
export const MARKER_GAP = 8;
/** Markers never sit closer than this to the window's left edge. */
export const MARKER_EDGE = 2;
/** Space between stacked markers of clauses that start on the same line. */
export const MARKER_STACK_GAP = 2;

/** The card keeps this far from the window's edges. */
export const CARD_EDGE = 8;
/** Space between the clause's line and the card. */
export const CARD_GAP = 8;
/** Room kept free above and below when deciding whether the card fits on a side. */
export const CARD_SIDE_MARGIN = 16;
/** A card squeezed into a small window still shows this much (and scrolls inside). */
export const CARD_MIN_HEIGHT = 160;

/**
 * Where a marker goes: in the margin left of its block, on the clause's first line; stacked below a marker
 * already placed there.
 * @param {{left: number, top: number, height: number}} line the clause's first line
 * @param {number} blockLeft the left edge of the clause's block (its paragraph, or its list)
 * @param {{left: number, top: number}[]} placed markers placed so far; the new one is appended
 * @returns {{left: number, top: number}}
 */
export function markerSpot(line, blockLeft, placed) {
  let left = Math.min(line.left, blockLeft) - MARKER_SIZE - MARKER_GAP;
  if (left < MARKER_EDGE) left = Math.max(MARKER_EDGE, line.left - MARKER_SIZE / 2); // no margin: on the first letter's edge
  let top = line.top + (line.height - MARKER_SIZE) / 2;
  while (placed.some((p) => Math.abs(p.top - top) < MARKER_SIZE && Math.abs(p.left - left) < MARKER_SIZE)) {
    top += MARKER_SIZE + MARKER_STACK_GAP;
  }
  const spot = { left, top };
  placed.push(spot);
  return spot;
}

/**
 * Where a marker goes in the right margin (the change markers, so they never cover a clause's marker): right
 * of its block on the passage's first line, inside the window; stacked below a marker already placed there.
 * @param {{right: number, top: number, height: number}} line the passage's first line
 * @param {number} blockRight the right edge of the passage's block
 * @param {{left: number, top: number}[]} placed markers placed so far; the new one is appended
 * @param {number} viewWidth the window's width (without its scroll bar)
 * @returns {{left: number, top: number}}
 */
export function markerSpotRight(line, blockRight, placed, viewWidth) {
  let left = Math.max(line.right, blockRight) + MARKER_GAP;
  if (left + MARKER_SIZE > viewWidth - MARKER_EDGE) left = Math.max(MARKER_EDGE, viewWidth - MARKER_EDGE - MARKER_SIZE);
  let top = line.top + (line.height - MARKER_SIZE) / 2;
  while (placed.some((p) => Math.abs(p.top - top) < MARKER_SIZE && Math.abs(p.left - left) < MARKER_SIZE)) {
    top += MARKER_SIZE + MARKER_STACK_GAP;
  }
  const spot = { left, top };
  placed.push(spot);
  return spot;
}

/**
 * Where the card goes: below the line when it fits there, else above; when it fits on neither side, on the
 * roomier one with a height limit (the card scrolls inside).
 * @param {{left: number, top: number, bottom: number}} line the line the card belongs to
 * @param {{width: number, height: number}} card the card's natural size
 * @param {{width: number, height: number}} view the window's inner size
 * @returns {{left: number, top: number, maxHeight: number|null}}
 */
export function cardSpot(line, card, view) {
  const left = Math.max(CARD_EDGE, Math.min(line.left, view.width - card.width - CARD_EDGE));
  const below = view.height - line.bottom - CARD_SIDE_MARGIN;
  const above = line.top - CARD_SIDE_MARGIN;
  if (card.height <= below || (card.height > above && below >= above)) {
    return { left, top: line.bottom + CARD_GAP, maxHeight: card.height > below ? Math.max(CARD_MIN_HEIGHT, below) : null };
  }
  const shown = Math.min(card.height, Math.max(CARD_MIN_HEIGHT, above));
  return { left, top: line.top - CARD_GAP - shown, maxHeight: card.height > above ? shown : null };
}
