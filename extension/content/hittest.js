/**
 * Which clause is where: the rectangles of a clause's text and the clause under the pointer. CSS Custom
 * Highlights have no events of their own, so hovering a highlighted clause is found here from the pointer's
 * position. No extension API here.
 */

const TEXT_NODE = 3;
/** Pointer positions this close to a line's box count as on it (sub-pixel rounding of client rects). */
const HIT_SLOP_PX = 1;

/**
 * The first non-empty client rect of a range, or null when it is not rendered.
 * @param {Range|null} range
 * @returns {DOMRect|null}
 */
export function firstRect(range) {
  if (!range || range.collapsed) return null;
  for (const rect of range.getClientRects()) {
    if (rect.width > 0 && rect.height > 0) return rect;
  }
  return null;
}

/**
 * The extent of a clause on screen: the box around all its lines (viewport coordinates), or null.
 * @param {Range|null} range
 * @returns {{left: number, top: number, right: number, bottom: number}|null}
 */
export function clauseExtent(range) {
  if (!range || range.collapsed) return null;
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  if (!rects.length) return null;
  return {
    left: Math.min(...rects.map((r) => r.left)),
    top: Math.min(...rects.map((r) => r.top)),
    right: Math.max(...rects.map((r) => r.right)),
    bottom: Math.max(...rects.map((r) => r.bottom)),
  };
}

/**
 * The block whose left edge a clause's marker sits beside: its paragraph, or for a list item, the list.
 * @param {Range} range
 * @returns {Element|null}
 */
export function marginOf(range) {
  let element = range.startContainer.parentElement;
  const view = element?.ownerDocument.defaultView;
  while (element && element !== element.ownerDocument.body && view.getComputedStyle(element).display.startsWith("inline")) {
    element = element.parentElement;
  }
  if (element?.tagName === "LI") element = element.closest("ul, ol") ?? element;
  return element;
}

/** Text farther than this above or below a clause's first line cannot be in the way of its marker. */
const NEAR_PX = 240;

const plain = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });

/** Node.nodeType and NodeFilter.SHOW_TEXT, spelled out so Node's tests need no DOM globals. */
const SHOW_TEXT = 4;

/**
 * The line boxes of the text inside `element`, text node by text node (a range over the element itself would
 * also give the boxes of its block children, which cover the gaps between their lines).
 * @param {Element|null|undefined} element
 * @returns {DOMRect[]}
 */
function contentRects(element) {
  if (!element) return [];
  const doc = element.ownerDocument;
  const range = doc.createRange();
  const walker = doc.createTreeWalker(element, SHOW_TEXT);
  const rects = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim()) continue;
    range.selectNodeContents(node);
    rects.push(...range.getClientRects());
  }
  return rects;
}

/**
 * The rectangles of the text near a clause (its block, the blocks before and after it, the clause itself),
 * and the lines of its block from the clause's first line on: what a marker must not cover, and where lines
 * stop short.
 * @param {Range} range the clause
 * @param {Element|null} block its block (marginOf)
 * @param {{top: number, height: number}} line its first line
 * @returns {{texts: {left: number, top: number, right: number, bottom: number}[], lines: {left: number, top: number, right: number, bottom: number}[]}}
 */
export function textRectsAround(range, block, line) {
  const near = (r) => r.width > 0 && r.height > 0 && r.bottom > line.top - NEAR_PX && r.top < line.top + NEAR_PX;
  const own = contentRects(block).filter(near);
  const neighbours = [block?.previousElementSibling, block?.nextElementSibling, block?.parentElement?.previousElementSibling]
    .flatMap((e) => contentRects(e))
    .filter(near);
  // The clause's own line boxes (a clause may run past its block); block boxes, taller than a line, are not text.
  const lineHeight = line.height ?? line.bottom - line.top;
  const clauseLines = [...range.getClientRects()].filter((r) => near(r) && r.height <= lineHeight * 1.6);
  const texts = [...own, ...neighbours, ...clauseLines].map(plain);
  // One rectangle per line of the block (the rightmost piece of each), from the clause's first line down.
  const byLine = new Map();
  for (const r of own) {
    if (r.bottom <= line.top) continue;
    const key = Math.round(r.top + r.height / 2);
    const known = [...byLine.keys()].find((k) => Math.abs(k - key) < r.height / 2);
    const at = known ?? key;
    if (!byLine.has(at) || byLine.get(at).right < r.right) byLine.set(at, plain(r));
  }
  const lines = [...byLine.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  return { texts, lines };
}

/**
 * The text position under a point, from whichever caret API the browser has.
 * @param {Document} doc
 * @param {number} x
 * @param {number} y
 * @returns {{node: Node, offset: number}|null}
 */
function caretAt(doc, x, y) {
  if (doc.caretPositionFromPoint) {
    const position = doc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  if (doc.caretRangeFromPoint) {
    const range = doc.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

/**
 * The clause whose text is under the point (x, y) in viewport coordinates, with the line hit.
 * @param {Document} doc
 * @param {{range: Range|null}[]} clauses
 * @param {number} x
 * @param {number} y
 * @returns {{clause: object, rect: DOMRect}|null}
 */
export function clauseAt(doc, clauses, x, y) {
  const caret = caretAt(doc, x, y);
  if (!caret || caret.node.nodeType !== TEXT_NODE) return null;
  for (const clause of clauses) {
    const range = clause.range;
    if (!range || !range.isPointInRange(caret.node, caret.offset)) continue;
    // The caret position is the nearest one, even beside the text: check the pointer is on a line of the clause.
    for (const rect of range.getClientRects()) {
      if (x >= rect.left - HIT_SLOP_PX && x <= rect.right + HIT_SLOP_PX && y >= rect.top - HIT_SLOP_PX && y <= rect.bottom + HIT_SLOP_PX) {
        return { clause, rect };
      }
    }
  }
  return null;
}
