/**
 * The page's visible text and the way back from text offsets to the DOM.
 *
 * `readPageText(root)` walks the live DOM once and returns the text a reader sees (scripts, styles and hidden
 * elements skipped, whitespace collapsed as CSS renders it, block boundaries kept as blank lines) plus a map
 * from offsets in that text to (Text node, offset) pairs. Offsets are UTF-16 code units, as in any JavaScript
 * string, so an emoji counts two. No extension API is used here, so plain pages can test it.
 */

const SKIPPED_TAGS = new Set([
  "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT", "EMBED", "CANVAS", "VIDEO", "AUDIO",
  "SVG", "MATH", "TEXTAREA", "INPUT", "SELECT", "OPTION", "HEAD", "TITLE", "META", "LINK",
]);
const PRESERVED_WHITESPACE = new Set(["pre", "pre-wrap", "break-spaces"]);
const COLLAPSIBLE = /[ \t\n\r\f]/;
const NEEDS_COLLAPSE = /[\t\n\r\f]| {2}/;
const BLOCK_BREAK = "\n\n";
// Node types by number: the Node global is missing where Node.js tests run this module against a DOM library.
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * A piece of the page text that comes from one Text node.
 * @typedef {{node: Text, start: number, end: number, offsets: Int32Array|null}} Segment
 * `offsets[i]` is the offset in `node.data` of page-text character `start + i` (null: the same offset).
 */

export class PageText {
  /**
   * @param {string} text
   * @param {Segment[]} segments sorted by start, not overlapping
   */
  constructor(text, segments) {
    this.text = text;
    this.segments = segments;
  }

  /** The index of the segment holding text offset `offset`, or -(insertion point) - 1 when none does. */
  findSegment(offset) {
    let low = 0;
    let high = this.segments.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const segment = this.segments[mid];
      if (offset < segment.start) high = mid - 1;
      else if (offset >= segment.end) low = mid + 1;
      else return mid;
    }
    return -low - 1;
  }

  /**
   * The DOM position of the text offset `offset`; between blocks it moves forward (for a start) or back (for
   * an end) to the nearest character of a Text node.
   * @param {number} offset
   * @param {"start"|"end"} side
   * @returns {{node: Text, offset: number}|null}
   */
  position(offset, side) {
    if (side === "end") {
      // An end is exclusive: place it just after the character before it.
      let index = this.findSegment(offset - 1);
      if (index < 0) index = -index - 2; // the segment before the gap
      const segment = this.segments[index];
      if (!segment) return null;
      const last = Math.min(offset, segment.end) - 1;
      return { node: segment.node, offset: this.nodeOffset(segment, last) + 1 };
    }
    let index = this.findSegment(offset);
    let at = offset;
    if (index < 0) {
      index = -index - 1; // the segment after the gap
      if (!this.segments[index]) return null;
      at = this.segments[index].start;
    }
    const segment = this.segments[index];
    return { node: segment.node, offset: this.nodeOffset(segment, at) };
  }

  nodeOffset(segment, offset) {
    const i = offset - segment.start;
    return segment.offsets ? segment.offsets[i] : i;
  }

  /**
   * A live DOM Range over page-text offsets [start, end), or null when they hold no text node.
   * @param {number} start
   * @param {number} end
   * @returns {Range|null}
   */
  toRange(start, end) {
    if (!(start >= 0 && end > start && end <= this.text.length)) throw new RangeError(`bad offsets ${start}..${end}`);
    const from = this.position(start, "start");
    const to = this.position(end, "end");
    if (!from || !to) return null;
    const range = from.node.ownerDocument.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range.collapsed ? null : range;
  }
}

/**
 * The visible text under `root` with its offset map.
 * @param {Element} root usually document.body
 * @param {{skip?: (element: Element) => boolean}} [options] `skip` leaves out the extension's own elements
 * @returns {PageText}
 */
export function readPageText(root, { skip = () => false } = {}) {
  const parts = [];
  const segments = [];
  let length = 0;
  // The window of the root's document (not a global), so a DOM library can stand in for the browser in tests.
  const view = root?.ownerDocument.defaultView;
  const styleOf = (element) => view.getComputedStyle(element);
  // True when the text so far ends in collapsible whitespace or a block boundary (or is empty), so the next
  // collapsible whitespace is dropped, as the browser does when it lays out text.
  let afterSpace = true;
  let pendingBreak = "";

  function emit(string) {
    parts.push(string);
    length += string.length;
  }

  function blockBoundary(separator = BLOCK_BREAK) {
    if (length === 0) return;
    if (separator.length > pendingBreak.length) pendingBreak = separator;
    afterSpace = true;
  }

  function flushBreak() {
    if (pendingBreak) {
      emit(pendingBreak);
      pendingBreak = "";
    }
  }

  function addText(node, preserve) {
    const data = node.data;
    if (!data) return;
    if (preserve) {
      flushBreak();
      segments.push({ node, start: length, end: length + data.length, offsets: null });
      emit(data);
      afterSpace = /\s$/.test(data);
      return;
    }
    // Fast path: nothing to collapse in this node.
    if (!NEEDS_COLLAPSE.test(data) && !(afterSpace && data[0] === " ")) {
      flushBreak();
      segments.push({ node, start: length, end: length + data.length, offsets: null });
      emit(data);
      afterSpace = data[data.length - 1] === " ";
      return;
    }
    const chars = [];
    const offsets = [];
    for (let i = 0; i < data.length; i += 1) {
      const char = data[i];
      if (COLLAPSIBLE.test(char)) {
        if (afterSpace) continue;
        chars.push(" ");
        offsets.push(i);
        afterSpace = true;
      } else {
        chars.push(char);
        offsets.push(i);
        afterSpace = false;
      }
    }
    if (!chars.length) return;
    flushBreak();
    const string = chars.join("");
    segments.push({ node, start: length, end: length + string.length, offsets: Int32Array.from(offsets) });
    emit(string);
  }

  function walk(element, preserve, visible) {
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        if (visible) addText(child, preserve);
        continue;
      }
      if (child.nodeType !== ELEMENT_NODE) continue;
      if (SKIPPED_TAGS.has(child.tagName.toUpperCase()) || skip(child)) continue;
      if (child.tagName === "BR") {
        blockBoundary("\n");
        continue;
      }
      const style = styleOf(child);
      const display = style.display;
      if (display === "none") continue;
      if (display !== "contents" && child.checkVisibility && !child.checkVisibility()) continue; // closed <details>
      const block = !display.startsWith("inline") && display !== "contents" && display !== "ruby";
      const childVisible = style.visibility === "visible";
      if (block) blockBoundary();
      walk(child, PRESERVED_WHITESPACE.has(style.whiteSpace) || style.whiteSpaceCollapse === "preserve", childVisible);
      if (block) blockBoundary();
    }
  }

  if (root) {
    const style = styleOf(root);
    walk(root, PRESERVED_WHITESPACE.has(style.whiteSpace), style.visibility === "visible");
  }
  return new PageText(parts.join(""), segments);
}
