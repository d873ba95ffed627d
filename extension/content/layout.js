/**
 * Where the markers and the card go, as plain arithmetic on rectangles (viewport coordinates): no DOM, so
 * Node can test it. content/markers.js and content/popover.js measure, call these, and move elements.
 *
 * Neither ever hides text: a marker goes in the margin when there is one, otherwise into free space beside
 * the text (the gap above the clause's line, the end of a short line, the gap below its block), checked
 * against the rectangles of the text around it; the card goes beside its clause, never over it.
 */

/** A marker is a 22 px circle (content/ui-style.js .marker): big enough to hit, small enough for a margin. */
export const MARKER_SIZE = 22;
/** Space between a marker and the text of its block. */
export const MARKER_GAP = 8;
/** Markers never sit closer than this to the window's edges. */
export const MARKER_EDGE = 2;
/** Space between stacked markers of clauses that start on the same line. */
export const MARKER_STACK_GAP = 2;
/** How many markers stack in one margin spot before another kind of spot is tried. */
const MARKER_STACK_MAX = 4;

/** The card keeps this far from the window's edges. */
export const CARD_EDGE = 8;
/** Space between the clause and the card. */
export const CARD_GAP = 8;
/** Room kept free above and below when deciding whether the card fits on a side. */
export const CARD_SIDE_MARGIN = 16;
/** A card squeezed into a small window still shows this much (and scrolls inside). */
export const CARD_MIN_HEIGHT = 160;
/** A card beside its clause (left or right) is at least this wide. */
export const CARD_MIN_WIDTH = 300;

/**
 * Whether two rectangles ({left, top, width, height} or {left, top, right, bottom}) share any area.
 * @returns {boolean}
 */
export function overlaps(a, b) {
  const ar = a.right ?? a.left + a.width;
  const ab = a.bottom ?? a.top + a.height;
  const br = b.right ?? b.left + b.width;
  const bb = b.bottom ?? b.top + b.height;
  return a.left < br && b.left < ar && a.top < bb && b.top < ab;
}

/**
 * Where a marker goes, in order of preference: the margin left of its block (stacked below markers already
 * there), the margin right of it, the gap just above the clause's first line, the end of a line of the
 * block that stops short, the gap below the block. The first spot that is inside the window and covers no
 * other marker, and outside the margin no text, wins; `texts` are the rectangles of the text around the
 * clause, asked for (`around()`, which measures the page) only when no margin spot is free.
 * @param {{left: number, top: number, height: number}} line the clause's first line
 * @param {{left: number, right: number, bottom?: number}|number} block the clause's block (paragraph or
 *   list); a number is its left edge (no right margin known)
 * @param {{left: number, top: number}[]} placed markers placed so far; the new one is appended
 * @param {{view?: {width: number}, around?: () => {texts: {left: number, top: number, right: number, bottom: number}[],
 *          lines: {left: number, top: number, right: number, bottom: number}[]}}} [options] the window, and the
 *   text near the clause with the block's lines from the clause's first line on (for end-of-line spots)
 * @returns {{left: number, top: number, inline: boolean}}
 */
export function markerSpot(line, block, placed, { view = null, around = () => ({ texts: [], lines: [] }) } = {}) {
  const box = typeof block === "number" ? { left: block, right: Infinity } : block;
  const width = view?.width ?? Infinity;
  const centred = (rect) => rect.top + ((rect.height ?? rect.bottom - rect.top) - MARKER_SIZE) / 2;
  let texts = null;
  const free = (left, top, inMargin) => {
    const spot = { left, top, width: MARKER_SIZE, height: MARKER_SIZE };
    if (left < MARKER_EDGE || left + MARKER_SIZE > width - MARKER_EDGE) return false;
    if (placed.some((p) => overlaps(spot, { left: p.left, top: p.top, width: MARKER_SIZE, height: MARKER_SIZE }))) return false;
    return inMargin || !texts.some((t) => overlaps(spot, t));
  };
  const take = (left, top, inline) => {
    const spot = { left, top, inline };
    placed.push(spot);
    return spot;
  };
  // The margins first: beside the block, where its text is not (no need to measure the text around).
  const marginLeft = Math.min(line.left, box.left) - MARKER_SIZE - MARKER_GAP;
  for (let k = 0; k < MARKER_STACK_MAX; k += 1) {
    const top = centred(line) + k * (MARKER_SIZE + MARKER_STACK_GAP);
    if (free(marginLeft, top, true)) return take(marginLeft, top, false);
  }
  if (Number.isFinite(box.right) && free(box.right + MARKER_GAP, centred(line), true)) return take(box.right + MARKER_GAP, centred(line), false);
  const near = around();
  texts = near.texts;
  const lines = near.lines;
  const candidates = [];
  candidates.push([Math.max(MARKER_EDGE, line.left), line.top - MARKER_SIZE - 1, true]);
  // The end of a line that stops short, beside another marker already there if need be.
  for (const row of lines) {
    for (let k = 0; k < MARKER_STACK_MAX; k += 1) candidates.push([row.right + MARKER_GAP + k * (MARKER_SIZE + MARKER_STACK_GAP), centred(row), true]);
  }
  // The gap below the block's last line of text (its margin and the next line's leading).
  const lastBottom = lines.length ? Math.max(...lines.map((row) => row.bottom)) : box.bottom;
  if (lastBottom !== undefined) {
    for (const left of [line.left, MARKER_EDGE]) candidates.push([Math.max(MARKER_EDGE, left), lastBottom + 1, true]);
  }
  for (const [left, top, inline] of candidates) {
    if (free(left, top, false)) return take(left, top, inline);
  }
  // Nowhere free (a window narrower than a line of text with no gaps): on the first letter's edge.
  return take(Math.max(MARKER_EDGE, line.left - MARKER_SIZE / 2), centred(line), true);
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
 * Where the card goes so that it covers none of its clause: below the clause when it fits there, else
 * above, else beside it (right, then left) when the window is wide enough; when it fits fully nowhere, on
 * the roomiest of those sides with a height limit (the card scrolls inside, its header stays on top).
 * @param {{left: number, top: number, right: number, bottom: number}} clause the clause's visible extent
 * @param {{width: number, height: number}} card the card's natural size
 * @param {{width: number, height: number}} view the window's inner size
 * @returns {{left: number, top: number, maxHeight: number|null, width: number|null}}
 */
export function cardSpot(clause, card, view) {
  const left = Math.max(CARD_EDGE, Math.min(clause.left, view.width - card.width - CARD_EDGE));
  const below = view.height - clause.bottom - CARD_GAP - CARD_EDGE;
  const above = clause.top - CARD_GAP - CARD_EDGE;
  const right = view.width - clause.right - CARD_GAP - CARD_EDGE;
  const leftRoom = clause.left - CARD_GAP - CARD_EDGE;
  const tall = view.height - 2 * CARD_EDGE;
  const sideTop = (height) => Math.max(CARD_EDGE, Math.min(clause.top, view.height - CARD_EDGE - height));
  const options = [
    { room: below, fits: card.height <= below, spot: (h) => ({ left, top: clause.bottom + CARD_GAP, maxHeight: h, width: null }) },
    { room: above, fits: card.height <= above, spot: (h) => ({ left, top: clause.top - CARD_GAP - (h ?? card.height), maxHeight: h, width: null }) },
    {
      room: right >= CARD_MIN_WIDTH ? tall : 0,
      fits: right >= CARD_MIN_WIDTH && card.height <= tall,
      spot: (h) => ({ left: clause.right + CARD_GAP, top: sideTop(h ?? card.height), maxHeight: h, width: right < card.width ? right : null }),
    },
    {
      room: leftRoom >= CARD_MIN_WIDTH ? tall : 0,
      fits: leftRoom >= CARD_MIN_WIDTH && card.height <= tall,
      spot: (h) => {
        const w = Math.min(card.width, leftRoom);
        return { left: clause.left - CARD_GAP - w, top: sideTop(h ?? card.height), maxHeight: h, width: w < card.width ? w : null };
      },
    },
  ];
  const fitting = options.find((o) => o.fits);
  if (fitting) return fitting.spot(null);
  const roomiest = options.reduce((best, o) => (o.room > best.room ? o : best));
  return roomiest.spot(Math.max(CARD_MIN_HEIGHT, Math.min(card.height, roomiest.room)));
}

/**
 * How far to scroll the page (down, in px; negative: up) so that a card that fits neither below nor above its
 * clause fits whole below it: the clause moved near the top of the window. 0 when the card already fits, or
 * when clause and card together are taller than the window (then the card scrolls inside instead).
 * @param {{top: number, bottom: number}} clause the clause's extent on screen
 * @param {{height: number}} card the card's natural size
 * @param {{height: number}} view
 * @returns {number}
 */
export function roomScroll(clause, card, view) {
  const below = view.height - clause.bottom - CARD_GAP - CARD_EDGE;
  const above = clause.top - CARD_GAP - CARD_EDGE;
  if (card.height <= below || card.height <= above) return 0;
  const needed = CARD_SIDE_MARGIN + (clause.bottom - clause.top) + CARD_GAP + card.height + CARD_EDGE;
  if (needed > view.height) return 0;
  return Math.round(clause.top - CARD_SIDE_MARGIN);
}
