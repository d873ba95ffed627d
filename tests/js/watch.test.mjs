// content/watch.js: which DOM changes can change the page's text (the extension's own never do).
import assert from "node:assert/strict";
import { test } from "node:test";

import { significant } from "../../extension/content/watch.js";
import { page } from "./dom.mjs";

const doc = page("<p id='p'>text</p><termslens-ui id='ours'></termslens-ui>");
const ours = doc.getElementById("ours");
const isOurs = (node) => node === ours || ours.contains(node);
const record = (fields) => ({ type: "childList", target: doc.body, addedNodes: [], removedNodes: [], ...fields });

test("added elements, text edits and visibility attributes are significant", () => {
  assert.equal(significant([record({ addedNodes: [doc.createElement("div")] })], isOurs), true);
  assert.equal(significant([record({ type: "characterData", target: doc.getElementById("p").firstChild })], isOurs), true);
  assert.equal(significant([record({ type: "attributes", target: doc.getElementById("p") })], isOurs), true);
});

test("whitespace-only text nodes and the extension's own elements are not", () => {
  assert.equal(significant([record({ addedNodes: [doc.createTextNode("  \n")] })], isOurs), false);
  assert.equal(significant([record({ target: ours, addedNodes: [doc.createElement("button")] })], isOurs), false);
  assert.equal(significant([record({ addedNodes: [ours] })], isOurs), false);
  assert.equal(significant([], isOurs), false);
});
