// content/text.js: the page's visible text as a reader sees it, and the way back from UTF-16 offsets in
// that text to DOM positions. jsdom stands in for the browser (it computes display and visibility).
import assert from "node:assert/strict";
import { test } from "node:test";

import { readPageText } from "../../extension/content/text.js";
import { page } from "./dom.mjs";

const read = (body, options) => readPageText(page(body).body, options);

test("paragraphs are separated by a blank line, a <br> by a line break", () => {
  assert.equal(read("<p>One.</p><p>Two<br>three.</p>").text, "One.\n\nTwo\nthree.");
});

test("inline elements join their text without a break", () => {
  assert.equal(read("<p>We <b>may</b> <a href='#'>share</a> data.</p>").text, "We may share data.");
});

test("whitespace collapses as the browser renders it, except in <pre>", () => {
  assert.equal(read("<p>  a \n\t  b  </p><pre>x   y\n z</pre>").text, "a b \n\nx   y\n z");
});

test("hidden, display:none, visibility:hidden, script and style text is not read", () => {
  const text = read(
    "<p>Seen.</p><div hidden>hidden attr</div><p style='display:none'>no display</p>" +
      "<p style='visibility:hidden'>invisible</p><script>var s = 'script';</script><style>p{}</style><p>Also seen.</p>",
  ).text;
  assert.equal(text, "Seen.\n\nAlso seen.");
});

test("a visible child of an invisible parent is read (visibility is inherited but can be overridden)", () => {
  assert.equal(read("<div style='visibility:hidden'>no <span style='visibility:visible'>yes</span></div>").text, "yes");
});

test("the skip option leaves out the extension's own elements", () => {
  const doc = page("<p>Page.</p><termslens-ui>Card text</termslens-ui>");
  const text = readPageText(doc.body, { skip: (element) => element.tagName === "TERMSLENS-UI" }).text;
  assert.equal(text, "Page.");
});

test("offsets are UTF-16 units: text after an emoji and an astral letter maps back to its own node", () => {
  const doc = page("<p>🎉 𝔘 café <em>clause</em> end</p>");
  const pageText = readPageText(doc.body);
  const start = pageText.text.indexOf("clause");
  assert.equal(start, "🎉 𝔘 café ".length); // the emoji and 𝔘 count two each
  const range = pageText.toRange(start, start + "clause".length);
  assert.equal(range.toString(), "clause");
  assert.equal(range.startContainer.parentElement.tagName, "EM");
});

test("a range over collapsed whitespace maps back to the original characters of the node", () => {
  const doc = page("<p>We   may\n\n   share   data.</p>");
  const pageText = readPageText(doc.body);
  assert.equal(pageText.text, "We may share data.");
  const start = pageText.text.indexOf("share");
  const range = pageText.toRange(start, pageText.text.length);
  assert.equal(range.toString(), "share   data.");
});

test("a range may span elements and blocks", () => {
  const doc = page("<p>First <b>bold</b> part.</p><p>Second part.</p>");
  const pageText = readPageText(doc.body);
  const start = pageText.text.indexOf("bold");
  const end = pageText.text.indexOf("Second") + "Second".length;
  const range = pageText.toRange(start, end);
  assert.equal(range.toString(), "bold part.Second");
  assert.equal(range.startContainer.parentElement.tagName, "B");
});

test("a range that starts in a block break starts at the next block's first character", () => {
  const doc = page("<p>One.</p><p>Two.</p>");
  const pageText = readPageText(doc.body);
  const gap = pageText.text.indexOf("\n");
  const range = pageText.toRange(gap, pageText.text.length);
  assert.equal(range.toString(), "Two.");
});

test("every character of the text maps to the character of the node it came from", () => {
  const doc = page("<p>  Lead  <i>in</i>\n text   <span>and   <b>more</b></span> 🎉 done. </p><ul><li>item  one</li></ul>");
  const pageText = readPageText(doc.body);
  for (let offset = 0; offset < pageText.text.length; offset += 1) {
    const char = pageText.text[offset];
    if (char === "\n") continue; // block breaks belong to no node
    const position = pageText.position(offset, "start");
    const original = position.node.data[position.offset];
    assert.equal(/\s/.test(char) ? /\s/.test(original) : original === char, true, `offset ${offset} (${JSON.stringify(char)})`);
  }
});

test("offsets outside the text are an error, not a silent wrong range", () => {
  const pageText = read("<p>short</p>");
  assert.throws(() => pageText.toRange(2, 99), RangeError);
  assert.throws(() => pageText.toRange(3, 3), RangeError);
});

test("an empty or missing root reads as no text", () => {
  assert.equal(read("").text, "");
  assert.equal(readPageText(null).text, "");
});

test("clauses are anchored in the page's own text and become ranges; a quote not on the page keeps its place without one", async () => {
  const { anchorClauses, needsReanchor } = await import("../../extension/content/clauses.js");
  const doc = page("<p>We may   share <b>your data</b> with partners.</p><p>You may opt out.</p>");
  const annotations = [
    { id: "record:a:000000000001", exact: "share your data with partners.", prefix: "We may ", suffix: "", start_utf16: 7, severity: "high" },
    { id: "generic:b:000000000002", exact: "This sentence was removed.", prefix: "", suffix: "", start_utf16: 0, severity: "low" },
    { id: "generic:c:000000000003", exact: "You may opt out.", prefix: "", suffix: "", start_utf16: null, severity: "low" },
  ];
  const clauses = anchorClauses(annotations, readPageText(doc.body));
  assert.deepEqual(clauses.map((c) => c.id), annotations.map((a) => a.id));
  assert.equal(clauses[0].range.toString(), "share your data with partners.");
  assert.equal(clauses[1].range, null);
  assert.equal(clauses[2].range.toString(), "You may opt out.");
  assert.equal(needsReanchor(clauses), true); // the missing one
  assert.equal(needsReanchor([clauses[0], clauses[2]]), false);
  doc.querySelector("p").remove();
  assert.equal(needsReanchor([clauses[0]]), true); // its paragraph left the document
});
