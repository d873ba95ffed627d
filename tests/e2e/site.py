"""The web the e2e tests browse: pages built from real corpus documents, served on realistic addresses
through Playwright routing (nothing leaves the machine), plus a settings page, a single-page app and a page
for the record whose text carries markup.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path

from tests.e2e.markdown import markdown_to_html

TERMS_URL = "https://www.anthropic.com/legal/consumer-terms"
PRIVACY_URL = "https://www.anthropic.com/legal/privacy"
SETTINGS_URL = "https://claude.ai/settings/data-privacy-controls"
SPA_HOME_URL = "https://notes.example.org/"
SPA_TERMS_URL = "https://notes.example.org/legal/terms"
XSS_URL = "https://widgets.example.net/terms"
PLAIN_URL = "https://www.anthropic.com/news/claude-plays-chess"
# The same terms on a page with no margin at all: text from the window's left edge to its right edge.
NO_MARGIN_URL = "https://edge.example.com/legal/terms"
# Spotify's terms on a page with no margin: where issue 14 found 39 of the 41 markers in view over the text.
SPOTIFY_NO_MARGIN_URL = "https://www.spotify.com/legal/end-user-agreement/"
# Terms on a dark page whose colours are written in oklch() and color-mix() (nothing in rgb()).
OKLCH_URL = "https://dusk.example.org/legal/terms"
# A long real terms page (TikTok's EEA terms, from the shared corpus): many clauses, repeats of a type.
TIKTOK_TERMS_URL = "https://www.tiktok.com/legal/page/eea/terms-of-service/en"
# A real terms page of a service the library has no records for (Rovio's, from the CLAUDETTE corpus).
UNKNOWN_SERVICE_URL = "https://www.rovio.com/eula"
# Attack pages (issue 10): terms that try to read and drive the extension's UI, and terms that never stop changing.
HOSTILE_URL = "https://terms.hostile.example/legal/terms"
CHURN_URL = "https://churn.example.org/legal/terms"
# The attacker's own link, planted in an opt-out sentence so the service turns it into a card action.
PHISH_URL = "https://phish.example.net/arbitration-opt-out"
PHISH_SENTENCE = (
    "Any dispute will be resolved by binding, individual arbitration. You may opt out of arbitration within "
    f"30 days of accepting these Terms at {PHISH_URL}."
)

# The sentence the markup-laden test record quotes; it appears once, on the XSS_URL page.
XSS_QUOTE = (
    "Example Widgets may share the layouts you save in the widget gallery with carefully selected partner "
    "companies so that they can show you offers for matching furniture."
)
XSS_TITLE = 'Layouts shared <img src=x onerror="window.__termslensXss=1"> with partners'
XSS_MEANS = "<b>Not bold</b> <script>window.__termslensXss=2</script><img src=x onerror=\"window.__termslensXss=3\">"

SITE_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.65 Georgia, "Times New Roman", serif; color: #1f2328; background: #fbfaf7; }
.site-header { display: flex; align-items: center; gap: 28px; padding: 16px 48px; background: #ffffff; border-bottom: 1px solid #e6e3dc;
  font: 15px/1.4 system-ui, sans-serif; }
.site-header .brand { font-weight: 700; font-size: 18px; color: #191919; text-decoration: none; }
.site-header nav a { color: #4a4a4a; text-decoration: none; margin-right: 20px; }
main { max-width: 760px; margin: 0 auto; padding: 40px 24px 80px; }
h1 { font: 700 40px/1.15 system-ui, sans-serif; letter-spacing: -0.02em; margin: 0 0 24px; }
h2 { font: 700 24px/1.3 system-ui, sans-serif; margin: 40px 0 12px; }
h3 { font: 600 19px/1.3 system-ui, sans-serif; margin: 28px 0 8px; }
a { color: #1b5fa8; }
table { border-collapse: collapse; font-size: 14px; margin: 16px 0; }
td, th { border: 1px solid #ddd; padding: 6px 8px; vertical-align: top; }
.table-wrap { overflow-x: auto; }
.site-footer { padding: 32px 48px; background: #f0eee8; font: 14px/1.5 system-ui, sans-serif; color: #555; }
.lang { display: inline-block; padding: 2px 8px; border-radius: 6px; background: #efe9dc; font: 13px system-ui, sans-serif; }
"""

DARK_CSS = """
:root { color-scheme: dark; }
body { color: #e6e6e6; background: #141414; }
.site-header { background: #1c1c1c; border-color: #333; }
.site-header .brand, .site-header nav a { color: #eee; }
a { color: #8cb4ff; }
td, th { border-color: #444; }
.site-footer { background: #1c1c1c; color: #aaa; }
.lang { background: #2b2b2b; }
"""


def page_html(title: str, body: str, *, dark: bool = False, head: str = "", brand: str = "Anthropic", css: str = "") -> str:
    """A whole page as a site serves it: header, navigation, the document as <main>, footer."""
    css = SITE_CSS + (DARK_CSS if dark else "") + css
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{css}</style>
{head}
</head>
<body>
<header class="site-header"><a class="brand" href="/">{html.escape(brand)}</a>
<nav><a href="/claude">Claude</a><a href="/research">Research</a><a href="/company">Company</a><a href="/news">News</a></nav></header>
<main id="content">
{body}
</main>
<footer class="site-footer">© 2026 {html.escape(brand)} · <a href="/legal/consumer-terms">Terms</a> · <a href="/legal/privacy">Privacy</a></footer>
</body>
</html>"""


NO_MARGIN_CSS = """
body { margin: 0; }
main { max-width: none; margin: 0; padding: 0; }
h1, h2, h3, p, ul, ol { margin-left: 0; margin-right: 0; }
ul, ol { padding-left: 1.2em; }
"""

OKLCH_CSS = """
:root { color-scheme: dark; --ink: oklch(93% 0.01 250); --paper: oklch(20% 0.02 260); }
body { color: var(--ink); background: var(--paper); }
main { background: color-mix(in oklch, var(--paper) 92%, oklch(60% 0.1 250)); }
.site-header { background: oklch(24% 0.02 260); border-color: oklch(35% 0.02 260); }
.site-header .brand, .site-header nav a { color: oklch(95% 0.01 250); }
a { color: oklch(78% 0.12 250); }
.site-footer { background: oklch(24% 0.02 260); color: oklch(75% 0.01 250); }
td, th { border-color: oklch(40% 0.01 260); }
.lang { background: oklch(30% 0.02 260); }
"""


def decorate_terms(body: str) -> str:
    """Terms HTML with what real pages add: emoji and accented text right before and after clauses (in the
    same text node), a clause split over nested inline elements, and hidden or script copies of clause text
    that must not be read."""
    body = body.replace(
        "We may use Materials to provide, maintain, and improve the Services and to develop other products and services, including training our models,",
        "👩🏽‍💻 Ça coûte — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✅ café\u0301 We may use Materials to provide, maintain, and improve the Services and to develop other "
        'products and services, <a href="#training"><strong>including <em>training</em> our</strong> models</a>,',
        1,
    )
    body = body.replace("advance our safety research.", "advance our safety research. 🎉 Fin.", 1)
    body = body.replace(
        "<h1>Consumer Terms of Service</h1>",
        '<h1>Consumer Terms of Service 📜</h1>\n<p><span class="lang">🇪🇺 English · Français · Español · 日本語</span></p>\n'
        '<div hidden><p>If you rate an Output in response to an Input—for example, by using the thumbs up/thumbs down icon—'
        "we will store the related conversation as part of your Feedback.</p></div>\n"
        "<script>var copy = 'If you rate an Output in response to an Input—for example, by using the thumbs up/thumbs down icon';</script>",
        1,
    )
    return body


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "settings"
# The settings pages the flows of the curated records open (tests/e2e/fixtures/settings, served at the flows'
# own addresses; the '#' route of ChatGPT's is the page's business, the server sees "/").
SETTINGS_PAGES = {
    "anthropic": SETTINGS_URL,
    "openai": "https://chatgpt.com/",
    "linkedin": "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement",
    "x": "https://x.com/settings/grok_settings",
    "netflix": "https://www.netflix.com/DoNotTest",
    "reddit": "https://www.reddit.com/settings/privacy",
}
# A settings page of a record without a flow: the prose guide still runs there.
WIDGETS_SETTINGS_URL = "https://widgets.example.net/settings"


def settings_html(fixture: str = "anthropic") -> str:
    """A saved settings page (tests/e2e/fixtures/settings/<fixture>.html)."""
    return (FIXTURES / f"{fixture}.html").read_text("utf-8")


def sign_in_html() -> str:
    """What a settings address shows a signed-out visitor: a sign-in form, not the settings."""
    return """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Claude</title>
<style>body { font: 15px/1.5 system-ui, sans-serif; background: #faf9f5; display: grid; place-items: center; min-height: 100vh; margin: 0; }
form { display: grid; gap: 10px; width: 320px; } input, button { font: inherit; padding: 10px; border-radius: 8px; border: 1px solid #ccc; }</style></head>
<body><main><h1>Welcome back</h1><form>
<button type="button">Continue with Google</button>
<input type="email" aria-label="Email" placeholder="Enter your email">
<button type="button">Continue with email</button>
</form></main></body></html>"""


def widgets_settings_html() -> str:
    """The example-widgets settings page, with the switch its prose steps name in quotes."""
    return """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Settings – Example Widgets</title></head>
<body><main><h1>Settings</h1>
<div><span id="share-label">Share layouts</span>
<button role="switch" aria-checked="true" aria-labelledby="share-label" id="share-toggle"
 onclick="this.setAttribute('aria-checked', String(this.getAttribute('aria-checked') !== 'true'))">Share</button></div>
</main></body></html>"""


def spa_html(terms_body: str) -> str:
    """A single-page app: a home route, and a terms route rendered by script whose governing-law section is
    folded in a closed <details> until the reader opens it."""
    start = terms_body.find("<p><strong>Governing Law and Jurisdiction.</strong>")
    if start < 0:
        raise ValueError("the governing-law paragraph of the Anthropic terms moved; update spa_html")
    end = terms_body.find("</p>", start) + len("</p>")
    folded = (
        terms_body[:start]
        + '<details id="law"><summary>Governing law (show)</summary>'
        + terms_body[start:end]
        + "</details>"
        + terms_body[end:]
    )
    routes = {
        "/": {"title": "Example Notes", "html": "<h1>Example Notes</h1><p>Write things down. Find them later.</p>"
              '<p><a href="/legal/terms" data-route>Read our terms</a></p>'},
        "/legal/terms": {"title": "Terms of Service – Example Notes", "html": folded},
    }
    head = "<script>window.ROUTES = " + json.dumps(routes).replace("</", "<\\/") + ";</script>"
    app = """<div id="app"></div>
<script>
function render() {
  const route = window.ROUTES[location.pathname] || window.ROUTES['/'];
  document.title = route.title;
  document.getElementById('app').innerHTML = route.html;
}
window.go = (path) => { history.pushState({}, '', path); render(); };
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-route]');
  if (link) { event.preventDefault(); window.go(link.getAttribute('href')); }
});
window.addEventListener('popstate', render);
render();
</script>"""
    return page_html("Example Notes", app, head=head, brand="Example Notes")


# The hostile page's own script (it runs in the page's world, as any page script does). Before the extension
# draws anything it patches attachShadow, hoping to be handed the extension's root; `window.attack` holds what
# it tries afterwards, each step returning what it got.
HOSTILE_SCRIPT = """
window.__captured = [];
const realAttach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  const root = realAttach.call(this, {...init, mode: 'open'});
  window.__captured.push(root);
  return root;
};
const host = () => document.querySelector('termslens-ui');
const squash = (s) => (s || '').replace(/\\s+/g, ' ');
// Where the extension's elements are: the host answers elementFromPoint over them (the page cannot see more).
function extensionPoints() {
  const points = [];
  for (let y = 0; y < innerHeight; y += 6) for (let x = 0; x < innerWidth; x += 6) {
    if (document.elementFromPoint(x, y) === host()) points.push({x, y});
  }
  return points;
}
function clausePoints() {
  const points = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/arbitration|Materials|liability/.test(node.data)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) points.push({x: r.left + r.width / 2, y: r.top + r.height / 2});
  }
  return points;
}
window.attack = {
  read() {
    const h = host();
    const selection = getSelection();
    selection.selectAllChildren(document.documentElement);
    const selected = selection.toString();
    selection.removeAllRanges();
    let path = [];
    h?.addEventListener('click', (e) => { path = e.composedPath().map((n) => n.nodeName); }, {once: true});
    return {
      hostFound: Boolean(h),
      shadowRoot: h ? h.shadowRoot !== null : null,
      captured: window.__captured.length,
      text: squash([document.documentElement.innerText, document.documentElement.textContent, h?.innerText, h?.textContent, selected].join(' | ')),
      childElements: h ? h.querySelectorAll('*').length : 0,
      pointsOverExtension: extensionPoints().length,
    };
  },
  drive() {
    const h = host();
    const fire = (target, type, init, Kind = MouseEvent) =>
      target.dispatchEvent(new Kind(type, {bubbles: true, composed: true, cancelable: true, ...init}));
    let events = 0;
    for (const p of [...clausePoints(), ...extensionPoints()]) {
      for (const type of ['pointerover', 'mouseover', 'mouseenter', 'mousemove', 'pointerdown', 'mousedown', 'mouseup', 'click']) {
        fire(document, type, {clientX: p.x, clientY: p.y});
        fire(document.elementFromPoint(p.x, p.y) || document.body, type, {clientX: p.x, clientY: p.y});
        if (h) fire(h, type, {clientX: p.x, clientY: p.y});
        events += 3;
      }
      document.elementFromPoint(p.x, p.y)?.click();
    }
    for (const key of ['Tab', 'Enter', ' ', 'Escape']) {
      for (const target of [document, document.body, h].filter(Boolean)) {
        fire(target, 'keydown', {key}, KeyboardEvent);
        fire(target, 'keyup', {key}, KeyboardEvent);
        events += 2;
      }
    }
    h?.click();
    h?.focus();
    return {events, active: document.activeElement?.nodeName};
  },
};
"""

# A page that changes itself every 300 ms (issue 10: the service stayed at 68% of a core): `?mode=word` swaps
# one word, `?mode=paragraph` rewrites a whole paragraph. window.__changes counts the changes made.
CHURN_SCRIPT = """
window.__changes = 0;
const mode = new URLSearchParams(location.search).get('mode');
const words = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const paragraphs = [
  'Our partners may receive information about the pages you visit so that they can measure the reach of campaigns and improve their services.',
  'Members of the loyalty programme collect points with every purchase and can exchange them for vouchers, upgrades or donations to charities.',
];
setInterval(() => {
  window.__changes += 1;
  window.__startedAt ??= performance.now();
  const n = window.__changes;
  if (mode === 'word') document.getElementById('day').textContent = words[n % words.length];
  else document.getElementById('churn').textContent = paragraphs[n % 2] + ' (' + n + ')';
}, 300);
"""


def hostile_html(terms_body: str) -> str:
    """Real terms (so the extension has clauses and actions to show) with the attacker's opt-out sentence."""
    body = terms_body + f"<h2>Disputes</h2><p>{html.escape(PHISH_SENTENCE)}</p>"
    return page_html("Terms of Service", body, head=f"<script>{HOSTILE_SCRIPT}</script>", brand="Hostile Example")


def churn_html(terms_body: str) -> str:
    body = (
        '<p>Updated every day. Today is <span id="day">Sunday</span>.</p>'
        '<p id="churn">Our partners may receive information about the pages you visit.</p>' + terms_body
    )
    return page_html("Terms of Service", body, head=f"<script>{CHURN_SCRIPT}</script>", brand="Churn Example")


def xss_html() -> str:
    body = (
        "<h1>Widget Gallery Terms of Service</h1>"
        "<p>Welcome to the widget gallery. These terms explain how the gallery works.</p>"
        f"<h2>Sharing</h2><p>We care about your privacy. {html.escape(XSS_QUOTE)} You can change this at any time.</p>"
    )
    return page_html("Terms of Service – Example Widgets", body, brand="Example Widgets")


def xss_record_file() -> dict:
    """A user record file whose title, explanation and action label carry HTML that must show as text."""
    return {
        "schema_version": 1,
        "service": {"id": "example-widgets", "name": "Example <i>Widgets</i>", "domains": ["widgets.example.net"]},
        "documents": {"terms": {"title": "Terms of Service", "url": XSS_URL}},
        "records": [
            {
                "id": "example-widgets-layout-sharing",
                "document": "terms",
                "category": "data-sharing",
                "severity": "high",
                "stance": "bad",
                "title": XSS_TITLE,
                "quote": XSS_QUOTE,
                "means": XSS_MEANS,
                "matters": "Partners <u>see</u> what you saved.",
                "actions": [
                    {
                        "kind": "opt-out",
                        "label": "<img src=x onerror=\"window.__termslensXss=4\">Stop sharing",
                        "url": "https://widgets.example.net/settings",
                        "steps": ["Open Settings.", "Switch off “Share layouts”."],
                    }
                ],
                "source_url": XSS_URL,
                "source_date": "2026-01-01",
                "verified": "2026-01-02",
            }
        ],
    }


@dataclass
class Site:
    """Pages by URL, served to the browser through routing."""

    pages: dict[str, str] = field(default_factory=dict)

    def add(self, url: str, body: str) -> None:
        self.pages[url.split("#")[0]] = body

    def lookup(self, url: str) -> str | None:
        bare = url.split("#")[0].split("?")[0]
        if bare in self.pages:
            return self.pages[bare]
        if bare.startswith(SPA_HOME_URL):
            return self.pages[SPA_HOME_URL]  # the app serves every path
        return None


def claudette_html(path: Path) -> str:
    """A CLAUDETTE document (one sentence a line) as a site would serve it: "8." followed by a short line is
    a section heading, the rest paragraphs."""
    lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    parts, k = [f"<h1>{html.escape(lines[0])}</h1>"], 1
    while k < len(lines):
        line = lines[k]
        if line.rstrip(".").isdigit() and k + 1 < len(lines) and len(lines[k + 1]) < 80:
            parts.append(f"<h2>{html.escape(line)} {html.escape(lines[k + 1])}</h2>")
            k += 2
            continue
        parts.append(f"<p>{html.escape(line)}</p>")
        k += 1
    return "\n".join(parts)


def build_site(shared: Path) -> Site:
    corpus = shared / "corpus"
    terms = markdown_to_html((corpus / "Claude-Anthropic" / "terms.md").read_text("utf-8"))
    privacy = markdown_to_html((corpus / "Claude-Anthropic" / "privacy.md").read_text("utf-8"))
    site = Site()
    site.add(TERMS_URL, page_html("Consumer Terms of Service \\ Anthropic", decorate_terms(terms)))
    site.add(PRIVACY_URL, page_html("Privacy Policy \\ Anthropic", privacy, dark=True))
    site.add(NO_MARGIN_URL, page_html("Terms of Service \\ Edge Example", terms, brand="Edge Example", css=NO_MARGIN_CSS))
    spotify = markdown_to_html((corpus / "Spotify" / "terms.md").read_text("utf-8"))
    site.add(SPOTIFY_NO_MARGIN_URL, page_html("Spotify Terms of Use", spotify, brand="Spotify", css=NO_MARGIN_CSS))
    site.add(OKLCH_URL, page_html("Terms of Service \\ Dusk Example", terms, brand="Dusk Example", css=OKLCH_CSS))
    for fixture, url in SETTINGS_PAGES.items():
        site.add(url, settings_html(fixture))
    site.add(WIDGETS_SETTINGS_URL, widgets_settings_html())
    site.add(SPA_HOME_URL, spa_html(terms))
    site.add(XSS_URL, xss_html())
    site.add(HOSTILE_URL, hostile_html(terms))
    site.add(CHURN_URL, churn_html(terms))
    tiktok = markdown_to_html((corpus / "TikTok" / "terms.md").read_text("utf-8"))
    site.add(TIKTOK_TERMS_URL, page_html("Terms of Service | TikTok", tiktok, brand="TikTok"))
    rovio = claudette_html(shared / "claudette-dev" / "docs" / "Rovio.txt")
    site.add(UNKNOWN_SERVICE_URL, page_html("Terms of Service | Rovio", rovio, brand="Rovio"))
    site.add(
        PLAIN_URL,
        page_html(
            "Claude plays chess \\ Anthropic",
            "<h1>Claude plays chess</h1><p>A short story about a long game.</p>"
            "<p>A reader asked where disputes about the service are heard. The answer is in the terms: "
            "<q>These Terms are governed by Irish law. This means that your access to and use of our Services, and any "
            "dispute or claim arising out of or in connection therewith (including non-contractual disputes or claims) "
            "will be governed by Irish law, and must be brought in a competent court in Ireland. However, if you are a "
            "consumer within the European Economic Area or Switzerland, you may also file legal disputes in your local "
            "courts, based on your local laws.</q></p>",
        ),
    )
    return site
