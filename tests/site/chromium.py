"""Debian's Chromium driven headless by Playwright, shared by the browser tests.

Playwright's own browser download (`playwright install`) is never run: `executable_path` points at
Debian's package, which `ensure_chromium` installs through apt-get when it is missing (root only).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package
# Without the background-networking flags, Chromium's calls home are refused by a closed network.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def ensure_chromium() -> Path:
    """Debian's chromium, installed through apt-get when missing (root only, else skip)."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip(f"{CHROMIUM} is missing and this user cannot install it: "
                    "run `apt-get install chromium` as root (Debian's package)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=300", "chromium"]):
        done = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=900)
        output = (done.stdout + done.stderr)[-4000:]
        assert done.returncode == 0, f"{' '.join(command)} failed:\n{output}"
    assert CHROMIUM.exists(), f"apt-get installed chromium, but {CHROMIUM} is still missing"
    return CHROMIUM


@contextlib.contextmanager
def chromium_page(chromium: Path, profile: Path, width: int = 1400, height: int = 1300):
    """A page of a fresh persistent profile (its local storage lives in `profile`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(chromium), headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": width, "height": height})
        try:
            yield browser.pages[0] if browser.pages else browser.new_page()
        finally:
            browser.close()
