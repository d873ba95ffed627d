"""Firefox for real: Debian's Firefox ESR with the unpacked extension, driven over WebDriver BiDi by
puppeteer-core (tests/e2e/firefox/scenario.mjs), against the real service and the test web. A new install is
refused until `termslens pair CODE` confirms the code its settings page shows; then a real corpus page is
highlighted, a card opens under the real mouse, its opt-out opens the settings page with the guide, "Do it for
me" switches the control, and after the reload the guide verifies it and the service keeps the opt-out.

It fails, never skips, without Firefox ESR or puppeteer-core (`.ci/run` installs both; never a downloaded
browser).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.e2e.conftest import ARTIFACTS, EXTENSION_DIR, ROOT, TERMSLENS
from tests.e2e.proxy import TunnelProxy
from tests.e2e.site import TERMS_URL

FIREFOX = os.environ.get("TERMSLENS_FIREFOX", "/usr/bin/firefox-esr")
SCENARIO = Path(__file__).resolve().parent / "firefox" / "scenario.mjs"
PUPPETEER = ROOT / "node_modules" / "puppeteer-core"
SCENARIO_TIMEOUT_S = 240

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tunnel(web):
    proxy = TunnelProxy(web.port).start()
    yield proxy
    proxy.stop()


def run_scenario(service, tunnel, record) -> dict[str, dict]:
    if not Path(FIREFOX).is_file():
        pytest.fail(f"{FIREFOX} is missing: install Debian's firefox-esr (the tests never download a browser)")
    if not PUPPETEER.is_dir() or shutil.which("node") is None:
        pytest.fail("puppeteer-core is missing: run `npm ci` (it is a devDependency)")
    action = next(a for a in record["actions"] if a["kind"] == "opt-out")
    config = {
        "firefox": FIREFOX,
        "extension": str(EXTENSION_DIR),
        "proxyPort": tunnel.port,
        "servicePort": service.port,
        "dataDir": str(service.data_dir),
        "termslens": str(TERMSLENS),
        "artifacts": str(ARTIFACTS),
        "termsUrl": TERMS_URL,
        "settingsUrl": action["url"],
        "clauseTitle": record["title"],
        "actionLabel": action["label"],
    }
    ARTIFACTS.mkdir(exist_ok=True)
    done = subprocess.run(
        ["node", str(SCENARIO), json.dumps(config)], cwd=ROOT, capture_output=True, text=True, timeout=SCENARIO_TIMEOUT_S
    )
    steps: dict[str, dict] = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            item = json.loads(line)
            steps[item.get("step") or ("done" if item.get("done") else "error")] = item
    if "error" in steps or done.returncode != 0:
        pytest.fail(f"the Firefox scenario failed: {steps.get('error', {}).get('error')}\nsteps: {json.dumps(steps)[:3000]}\n{done.stderr[-2000:]}")
    return steps


def test_firefox_pairs_once_then_highlights_opens_a_card_and_guides_and_verifies_an_opt_out(service, tunnel):
    record = service.get("/records/anthropic-terms-model-training")
    steps = run_scenario(service, tunnel, record)
    assert steps["launched"]["version"].startswith("firefox/")

    # The settings page opened by itself with the command to run, naming this install's origin.
    shown = steps["pairing-shown"]
    assert shown["command"].startswith("termslens pair ") and len(shown["command"].split()[-1]) == 9
    assert shown["origin"].startswith("moz-extension://")
    # Before the command, the service refused this Firefox: the page says so and nothing is drawn.
    assert steps["before-pairing"]["state"] == "unpaired"
    assert steps["popup-unpaired"]["command"] == shown["command"]  # the popup shows the same command
    assert shown["origin"] in steps["paired"]["stdout"]
    assert "Paired" in steps["settings-after"]["text"]

    after = steps["after-pairing"]
    assert after["state"] == "ready"
    assert after["highlights"].get("termslens-high", 0) >= 1
    assert record["title"] in after["markers"]
    assert steps["card"]["title"] == record["title"]
    assert "What you can do" in steps["card"]["text"]

    guide = steps["guide"]
    assert guide["title"] == next(a for a in record["actions"] if a["kind"] == "opt-out")["label"]
    assert len(guide["steps"]) >= 2
    assert guide["ring"]

    # "Do it for me" (a real click) switched the page's control off; after the reload the guide read it again.
    assert steps["did-it"]["button"] == "Do it for me: switch it off"
    assert (steps["did-it"]["before"], steps["did-it"]["after"]) == ("true", "false")
    assert steps["verified"]["verdict"].startswith(f"Verified: off, {date.today().day} {date.today():%B}")
    assert steps["verified"]["toggle"] == "false"
    kept = [o for o in service.get("/optouts?service=anthropic")["optouts"] if o["setting"] == "Model training"]
    assert kept and kept[0]["state"] == "off" and kept[0]["since"] == date.today().isoformat()
