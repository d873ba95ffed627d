// Content scripts cannot be ES modules; this classic script loads the modules that do the work.
(() => {
  // The isolated world's globals are invisible to the page; this only stops a second injection by the worker.
  if (globalThis.__termslensLoaded) return;
  globalThis.__termslensLoaded = true;
  const ext = globalThis.browser ?? globalThis.chrome;
  // Every module of content/main.js's graph, fetched at once: left to the imports, the browser would fetch
  // them level by level, and on a page still loading each level costs tens of milliseconds.
  // (tests/e2e/test_lint.py checks this list against the imports.)
  const MODULES = [
    "lib/browser.js", "lib/constants.js", "lib/messages.js", "lib/validate.js", "lib/dom.js",
    "content/anchor.js", "content/card.js", "content/guide.js", "content/highlight.js", "content/markers.js",
    "content/pagekind.js", "content/text.js", "content/ui.js", "content/ui-style.js",
  ];
  const main = import(ext.runtime.getURL("content/main.js"));
  for (const path of MODULES) import(ext.runtime.getURL(path)).catch(() => {});
  main
    .then((module) => module.start())
    .catch((error) => console.warn("TermsLens could not start on this page:", error));
})();
