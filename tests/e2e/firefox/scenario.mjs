/**
 * Firefox ESR with the unpacked extension, driven over WebDriver BiDi by puppeteer-core, the way a new user
 * meets TermsLens: install, the settings page opens with a pairing code, a terms page is refused until
 * `termslens pair CODE` runs, then highlights, a card opened with the real mouse, an opt-out that opens
 * its settings page with the guide, "Do it for me" and the verdict after a reload. tests/e2e/test_firefox.py runs it and asserts on what it reports.
 *
 * Input: one JSON argument {firefox, extension, proxyPort, servicePort, dataDir, termslens, artifacts,
 * termsUrl, settingsUrl, actionLabel}. Output: one JSON line per observation ({"step": …}), then
 * {"done": true}; on failure {"error": …} and exit code 1.
 *
 * The UI sits in a closed shadow root. WebDriver BiDi serialises closed roots (serializationOptions
 * includeShadowTree "all"), which no page script can reach, so the driver reads the root from outside the
 * page and acts with BiDi input actions, which the browser treats as a person's (trusted) input.
 */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import puppeteer from "puppeteer-core";

const run = promisify(execFile);
const cfg = JSON.parse(process.argv[2]);
// The add-on's moz-extension UUID, pinned for the test only (extensions.webextensions.uuids) so screenshots
// and logs are stable; the pairing itself learns whatever origin the install has.
const UUID = "6c3a2f4e-1b2d-4c5e-8f90-123456789abc";
const GECKO_ID = "termslens@termslens.local";
const WAIT_MS = 20_000;

const report = (step, data = {}) => console.log(JSON.stringify({ step, ...data }));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let browser;

async function bidi(method, params) {
  return (await browser.connection.send(method, params)).result;
}

async function contexts() {
  return (await bidi("browsingContext.getTree", {})).contexts;
}

/** The browsing context whose URL starts with `prefix`, once there is one. */
async function waitContext(prefix) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const found = (await contexts()).find((c) => c.url.startsWith(prefix));
    if (found) return found.context;
    if (Date.now() > deadline) throw new Error(`no tab at ${prefix}: ${JSON.stringify((await contexts()).map((c) => c.url))}`);
    await sleep(100);
  }
}

/** A tab, by its BiDi context: evaluate in the page, read the extension's closed root, act with real input. */
class Tab {
  constructor(context) {
    this.context = context;
  }

  async call(fn, ...args) {
    const result = await bidi("script.callFunction", {
      functionDeclaration: String(fn),
      target: { context: this.context },
      arguments: args.map((value) => (value && value.sharedId ? value : { type: "string", value: JSON.stringify(value ?? null) })),
      awaitPromise: true,
      resultOwnership: "none",
      serializationOptions: { maxDomDepth: 0, includeShadowTree: "all" },
    });
    if (result.type === "exception") throw new Error(`${result.exceptionDetails.text} in ${String(fn).slice(0, 120)}`);
    return result.result;
  }

  /** `fn(...args)` in the page, arguments and answer as JSON. */
  async value(fn, ...args) {
    const body = `async (...json) => JSON.stringify((await (${fn})(...json.map((j) => JSON.parse(j)))) ?? null)`;
    const answer = await this.call(body, ...args);
    return JSON.parse(answer.value);
  }

  async waitFor(fn, what, ...args) {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const value = await this.value(fn, ...args).catch(() => null);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  /** The closed shadow root of <termslens-ui>, as a BiDi reference. */
  async root() {
    const host = await this.call("() => document.querySelector('termslens-ui')");
    const shadow = host.value?.shadowRoot;
    if (!shadow?.sharedId) throw new Error("no <termslens-ui> with a shadow root");
    return { sharedId: shadow.sharedId, mode: shadow.value?.mode };
  }

  /** `fn(root, arg)` inside the closed root; `fn` returns JSON-able data. */
  async inRoot(fn, arg = null) {
    const root = await this.root();
    const body = `(root, json) => JSON.stringify((${fn})(root, JSON.parse(json)) ?? null)`;
    const answer = await this.call(body, { sharedId: root.sharedId }, arg);
    return JSON.parse(answer.value);
  }

  async waitInRoot(fn, what, arg = null) {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const value = await this.inRoot(fn, arg).catch(() => null);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  async click(x, y) {
    await bidi("input.performActions", {
      context: this.context,
      actions: [
        {
          type: "pointer",
          id: "mouse",
          parameters: { pointerType: "mouse" },
          actions: [
            { type: "pointerMove", x: Math.round(x), y: Math.round(y) },
            { type: "pointerDown", button: 0 },
            { type: "pointerUp", button: 0 },
          ],
        },
      ],
    });
  }

  async screenshot(name) {
    const { data } = await bidi("browsingContext.captureScreenshot", { context: this.context });
    const path = `${cfg.artifacts}/${name}.png`;
    await writeFile(path, Buffer.from(data, "base64"));
    return path;
  }
}

async function main() {
  browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: cfg.firefox,
    headless: true,
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: UUID }),
      // Every web address goes through the test's tunnel to its local HTTPS server; the service is direct.
      "network.proxy.type": 1,
      "network.proxy.ssl": "127.0.0.1",
      "network.proxy.ssl_port": cfg.proxyPort,
      "network.proxy.http": "127.0.0.1",
      "network.proxy.http_port": cfg.proxyPort,
      "network.proxy.no_proxies_on": "127.0.0.1,localhost",
      "network.proxy.allow_hijacking_localhost": false,
    },
  });
  report("launched", { version: await browser.version() });
  const id = await browser.installExtension(cfg.extension);
  report("installed", { id });

  // A new Firefox install opens its settings (it needs pairing); point it at the test's service port.
  const options = new Tab(await waitContext(`moz-extension://${UUID}/options/options.html`));
  await options.waitFor(() => document.documentElement.dataset.optionsState === "ready", "the settings page");
  await options.value((port) => {
    document.getElementById("port").value = String(port);
    document.getElementById("options").requestSubmit();
  }, cfg.servicePort);
  const pairing = await options.waitFor(
    () => document.documentElement.dataset.optionsPairing === "unpaired" && !document.getElementById("pairing").hidden
      ? { command: document.getElementById("pair-command").textContent, origin: document.getElementById("pair-origin").textContent }
      : null,
    "the pairing code",
  );
  report("pairing-shown", pairing);
  await options.screenshot("firefox-pairing");

  // Unpaired, a terms page is read but the service refuses it: nothing is drawn.
  const page = await browser.newPage();
  await page.goto(cfg.termsUrl);
  const terms = new Tab(await waitContext(cfg.termsUrl));
  const before = await terms.waitFor(
    () => ["unpaired", "ready", "offline", "error"].includes(document.documentElement.dataset.termslensState) && document.documentElement.dataset.termslensState,
    "the page's state before pairing",
  );
  report("before-pairing", { state: before });

  // The toolbar popup for that tab (opened as a tab by the extension's own settings page: WebDriver BiDi may
  // not navigate to moz-extension:// addresses) says what to run.
  await options.value(async (url) => {
    const [tab] = await browser.tabs.query({ url });
    await browser.tabs.create({ url: browser.runtime.getURL(`popup/popup.html?tabId=${tab.id}`), active: false });
  }, cfg.termsUrl);
  const popup = new Tab(await waitContext(`moz-extension://${UUID}/popup/popup.html`));
  const popupSays = await popup.waitFor(
    () => document.documentElement.dataset.popupState === "unpaired"
      && { command: document.getElementById("pair-command").textContent, title: document.getElementById("pair-title").textContent },
    "the popup's pairing message",
  );
  report("popup-unpaired", popupSays);
  await popup.screenshot("firefox-popup-unpaired");
  await bidi("browsingContext.close", { context: popup.context });

  const code = pairing.command.replace("termslens pair ", "");
  const env = { ...process.env, TERMSLENS_DATA_DIR: cfg.dataDir };
  const paired = await run(cfg.termslens, ["pair", code], { env });
  report("paired", { stdout: paired.stdout });
  await options.waitFor(() => document.documentElement.dataset.optionsPairing === "paired", "the settings page to see the pairing");
  report("settings-after", { text: await options.value(() => document.getElementById("pair-status").textContent) });

  await page.reload();
  const state = await terms.waitFor(
    () => ["ready", "error", "unpaired", "offline"].includes(document.documentElement.dataset.termslensState) && document.documentElement.dataset.termslensState,
    "the page's state after pairing",
  );
  const highlights = await terms.value(() =>
    Object.fromEntries([...CSS.highlights].filter(([n]) => n.startsWith("termslens-")).map(([n, h]) => [n, h.size])),
  );
  const markers = await terms.waitInRoot((root) => [...root.querySelectorAll(".marker")].map((m) => m.title), "the markers");
  report("after-pairing", { state, highlights, markers });
  await terms.screenshot("firefox-highlights");

  // The card of the clause whose opt-out we follow, opened by clicking its marker with the mouse.
  const spot = await terms.waitInRoot(
    (root, title) => {
      const marker = [...root.querySelectorAll(".marker")].find((m) => m.title === title);
      if (!marker) return null;
      marker.scrollIntoView({ block: "center" });
      const r = marker.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    "the marker",
    cfg.clauseTitle,
  );
  await sleep(300); // the markers follow the scroll on the next frame
  const placed = await terms.inRoot((root, title) => {
    const r = [...root.querySelectorAll(".marker")].find((m) => m.title === title).getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, cfg.clauseTitle);
  await terms.click(placed.x, placed.y);
  const card = await terms.waitInRoot(
    (root) => {
      const c = root.querySelector(".card");
      return c && { title: c.querySelector("h2")?.textContent, text: c.textContent.replace(/\s+/g, " ").slice(0, 3000) };
    },
    "the card",
  );
  report("card", { ...card, markerAt: spot });
  await terms.screenshot("firefox-card");

  const button = await terms.inRoot((root, label) => {
    const b = [...root.querySelectorAll(".card button.action-button")].find((e) => e.textContent.includes(label));
    if (!b) return null;
    b.scrollIntoView({ block: "nearest" });
    const r = b.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, cfg.actionLabel);
  if (!button) throw new Error(`no action button ${cfg.actionLabel} in the card`);
  await sleep(200);
  const pressed = await terms.inRoot((root, label) => {
    const b = [...root.querySelectorAll(".card button.action-button")].find((e) => e.textContent.includes(label));
    const r = b.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, cfg.actionLabel);
  await terms.click(pressed.x, pressed.y);
  const settings = new Tab(await waitContext(cfg.settingsUrl));
  const guide = await settings.waitInRoot(
    (root) => {
      const g = root.querySelector(".guide");
      return g && { title: g.querySelector("h2")?.textContent, steps: [...g.querySelectorAll(".step-text")].map((s) => s.textContent), box: null };
    },
    "the opt-out guide",
  );
  const ring = await settings.waitInRoot((root) => root.querySelector(".ring")?.textContent ?? null, "the ring around the control");
  report("guide", { ...guide, ring });
  await settings.screenshot("firefox-guide");

  // "Do it for me" pressed with the real mouse, then "Reload and verify", and the guide's verdict after the
  // reload (issue 15's flow, in Firefox).
  const press = async (selector, what) => {
    const at = await settings.waitInRoot(
      (root, query) => {
        const b = root.querySelector(query);
        if (!b || b.hidden || !b.getClientRects().length) return null;
        b.scrollIntoView({ block: "nearest" });
        const r = b.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2, text: b.textContent };
      },
      what,
      selector,
    );
    await sleep(200);
    await settings.click(at.x, at.y);
    return at.text;
  };
  const toggleState = () => settings.value(() => document.getElementById("training-toggle")?.getAttribute("aria-checked") ?? "missing");
  const switchBefore = await toggleState();
  const doIt = await press(".guide .do-it", "the Do it for me button");
  await settings.waitInRoot((root) => root.querySelector(".guide .reload-verify")?.getClientRects().length > 0, "Reload and verify");
  report("did-it", { button: doIt, before: switchBefore, after: await toggleState() });
  await press(".guide .reload-verify", "the Reload and verify button");
  const verdict = await settings.waitInRoot(
    (root) => {
      const v = root.querySelector(".guide .verdict");
      return v && v.getClientRects().length && v.textContent.trim() ? v.textContent.trim() : null;
    },
    "the verdict after the reload",
  );
  report("verified", { verdict, toggle: await toggleState() });
  await settings.screenshot("firefox-guide-verified");
}

try {
  await main();
  console.log(JSON.stringify({ done: true }));
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.stack ?? error) }));
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
}

