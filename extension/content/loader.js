// Content scripts cannot be ES modules; this classic script loads the modules that do the work.
(() => {
  // The isolated world's globals are invisible to the page; this only stops a second injection by the worker.
  if (globalThis.__termslensLoaded) return;
  globalThis.__termslensLoaded = true;
  const ext = globalThis.browser ?? globalThis.chrome;
  // Every module of content/main.js's graph, fetched at once: left to the imports, the browser would fetch
  // them level by level, and on a page still loading each level costs tens of milliseconds.
  // (tests/static/test_extension_source.py checks this list against the imports.)
  const MODULES = [
    "lib/browser.js", "lib/constants.js", "lib/dom.js", "lib/flow.js", "lib/identity.js", "lib/labels.js", "lib/messages.js",
    "lib/validate.js", "lib/vocabulary.js", "lib/vendor/culori.js", "content/anchor.js", "content/card.js",
    "content/change.js", "content/changes.js", "content/clauses.js", "content/clusters.js", "content/colors.js",
    "content/controls.js", "content/flowrun.js", "content/guide.js", "content/highlight.js", "content/hittest.js",
    "content/keyboard.js", "content/layout.js", "content/markers.js", "content/pagekind.js",
    "content/popover.js", "content/session.js", "content/steps.js", "content/text.js", "content/ui.js",
    "content/ui-style.js", "content/watch.js",
  ];
  const main = import(ext.runtime.getURL("content/main.js"));
  for (const path of MODULES) import(ext.runtime.getURL(path)).catch(() => {});
  main
    .then((module) => module.start())
    .catch((error) => console.warn("TermsLens could not start on this page:", error));
})();
