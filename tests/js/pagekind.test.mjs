// content/pagekind.js: which pages are analysed without being asked (terms, privacy, legal, cookie, policy).
import assert from "node:assert/strict";
import { test } from "node:test";

import { looksLikeTermsPage, textLooksLegal, urlLooksLegal } from "../../extension/content/pagekind.js";
import { page } from "./dom.mjs";

test("addresses that name a legal document are legal pages", () => {
  for (const url of [
    "https://www.anthropic.com/legal/consumer-terms",
    "https://example.com/privacy-policy",
    "https://example.com/tos",
    "https://legal.example.com/",
    "https://example.de/datenschutz",
    "https://example.com/policies/cookies.html",
  ]) {
    assert.equal(urlLooksLegal(url), true, url);
  }
});

test("an app's own screens are not legal pages by address, even with legal words in it", () => {
  for (const url of [
    "https://claude.ai/settings/data-privacy-controls",
    "https://example.com/account/privacy",
    "https://example.com/news/our-new-terms-explained-app",
    "https://example.com/",
    "not a url",
  ]) {
    assert.equal(urlLooksLegal(url), false, url);
  }
});

test("titles and headings that name a legal document are recognised, in several languages", () => {
  for (const text of ["Terms of Service", "Privacy Policy | Example", "Conditions générales d'utilisation", "Datenschutzerklärung", "End User License Agreement"]) {
    assert.equal(textLooksLegal(text), true, text);
  }
  for (const text of ["Our terms are simple", "Policy news", "", null]) assert.equal(textLooksLegal(text), false, String(text));
});

test("a page is a terms page by its address, its title, or one of its first headings", () => {
  const plain = "https://example.com/blog/post";
  assert.equal(looksLikeTermsPage(page("<h1>Hello</h1>", { title: "Blog" }), plain), false);
  assert.equal(looksLikeTermsPage(page("<h1>Hello</h1>", { title: "Terms of Use" }), plain), true);
  assert.equal(looksLikeTermsPage(page("<h1>Welcome</h1><h2>Privacy Notice</h2>"), plain), true);
  assert.equal(looksLikeTermsPage(page("<p>x</p>"), "https://example.com/legal/terms"), true);
});

test("only the first eight headings count, so a long page's late mention does not make it legal", () => {
  const headings = Array.from({ length: 8 }, (_, i) => `<h2>Section ${i}</h2>`).join("");
  assert.equal(looksLikeTermsPage(page(`${headings}<h2>Privacy Policy</h2>`), "https://example.com/blog"), false);
});
