"""How many clause markers cover text, before and after: the extension of a git ref (default `main`) and the
working tree's, in Chromium, on real terms pages laid out with no margin and in a 700 px window.

    .venv/bin/python benchmarks/bench_marker_overlap.py                 # baseline: main's extension/
    .venv/bin/python benchmarks/bench_marker_overlap.py --baseline REF

Each page is scrolled top to bottom in 12 steps; a marker counts once ("seen") when it was in the window at
some step, and once ("over text") when its box overlapped a line of the page's text at some step (the same
check as tests/e2e/test_layout.py). Issue 14 found 39 of 41 markers in view over text on Spotify's terms.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from tests.conftest import SHARED  # noqa: E402
from tests.e2e.conftest import Service, extension_worker, launch, set_port  # noqa: E402
from tests.e2e.site import NO_MARGIN_URL, SPOTIFY_NO_MARGIN_URL, TERMS_URL, build_site  # noqa: E402
from tests.e2e.web import TestWeb  # noqa: E402

STEPS = 12
PAGES = [
    ("Anthropic terms, no margin", NO_MARGIN_URL, 1280),
    ("Spotify terms, no margin", SPOTIFY_NO_MARGIN_URL, 1280),
    ("Anthropic terms, 700 px", TERMS_URL, 700),
    ("Spotify terms, no margin, 700 px", SPOTIFY_NO_MARGIN_URL, 700),
]

# In the page (the markers' boxes are read through the host: elementsFromPoint does not enter a closed root,
# so the isolated world is used, as the tests do, through CDP).
OVER_TEXT = """async () => {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const host = document.querySelector('termslens-ui');
  const root = chrome.dom.openOrClosedShadowRoot(host);
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight) texts.push(r);
  }
  const hit = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  return [...root.querySelectorAll('.marker')].filter((m) => !m.hidden).map((m) => [m.dataset.number, m.getBoundingClientRect()])
    .filter(([, b]) => b.bottom > 0 && b.top < innerHeight)
    .map(([n, b]) => ({n, over: texts.some((t) => hit(b, t))}));
}"""


def baseline_extension(ref: str, into: Path) -> Path:
    """`extension/` as it is at git `ref`, unpacked into `into`."""
    archive = subprocess.run(["git", "archive", ref, "extension"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "extension"


def isolated_eval(page, expression: str):
    cdp = page.context.new_cdp_session(page)
    contexts = []
    cdp.on("Runtime.executionContextCreated", lambda e: contexts.append(e["context"]))
    cdp.send("Runtime.enable")
    page.wait_for_timeout(200)
    ours = [c["id"] for c in contexts if c.get("auxData", {}).get("type") == "isolated" and c.get("name") == "TermsLens"]
    answer = cdp.send("Runtime.evaluate", {"expression": f"({expression})()", "contextId": max(ours),
                                          "returnByValue": True, "awaitPromise": True})
    cdp.detach()
    return answer["result"]["value"]


def measure(extension: Path, service: Service, web: TestWeb, profile: Path) -> list[tuple[str, int, int]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        context = launch(playwright, profile, web, extension_dir=extension)
        extension_worker(context)
        set_port(context, service.port)
        for name, url, width in PAGES:
            page = context.new_page()
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url)
            page.wait_for_selector("html[data-termslens-state='ready']", state="attached", timeout=30_000)
            height = page.evaluate("document.documentElement.scrollHeight - innerHeight")
            seen, over = set(), set()
            for step in range(STEPS):
                page.evaluate(f"window.scrollTo(0, {round(height * step / (STEPS - 1))})")
                for marker in isolated_eval(page, OVER_TEXT):
                    seen.add(marker["n"])
                    if marker["over"]:
                        over.add(marker["n"])
            rows.append((name, len(seen), len(over)))
            page.close()
        context.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="git ref whose extension/ is the baseline")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="termslens-overlap-"))
    service = Service(work / "data", []).start()
    web = TestWeb(build_site(SHARED)).start()
    try:
        before = measure(baseline_extension(args.baseline, work / "baseline"), service, web, work / "profile-baseline")
        after = measure(ROOT / "extension", service, web, work / "profile-current")
    finally:
        web.stop()
        service.stop()
    print(f"{'page':<34} {args.baseline + ': over text / seen':>26} {'working tree: over text / seen':>32}")
    for (name, seen_b, over_b), (_, seen_a, over_a) in zip(before, after):
        print(f"{name:<34} {f'{over_b} / {seen_b}':>26} {f'{over_a} / {seen_a}':>32}")


if __name__ == "__main__":
    main()
