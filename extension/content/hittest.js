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
