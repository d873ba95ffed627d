// Global Privacy Control in the page's own world (registered by background/gpc.js only while the option
// "Send Global Privacy Control" is on): navigator.globalPrivacyControl reads true, as the GPC spec defines it
// for browsers that send Sec-GPC: 1. A classic script, no imports: it runs before the page's scripts.
(() => {
  try {
    if (navigator.globalPrivacyControl === true) return;
    Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true, configurable: true, enumerable: true });
  } catch {
    // A page that froze Navigator first keeps its own value; the Sec-GPC header is still sent.
  }
})();
