"""`make test` never passes quietly without the browser tests.

On a fresh machine without /usr/bin/chromium the five browser tests were skipped and the suite passed
(only .ci/run installed Chromium). Now the Makefile's test target installs Chromium where it can (root
with apt) and otherwise stops naming the command to run, and the browser tests fail, not skip, when
Chromium is missing. The Makefile is run for real; CHROMIUM and APT_GET point it at a machine without them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", "-C", str(REPO), *args], capture_output=True, text=True, timeout=60,
                          check=False)


def test_without_chromium_and_apt_make_test_stops_and_names_the_command(tmp_path):
    done = _make("chromium", f"CHROMIUM={tmp_path / 'no-chromium'}", f"APT_GET={tmp_path / 'no-apt-get'}")
    assert done.returncode != 0
    assert "sudo apt-get install -y chromium" in done.stderr


def test_make_test_goes_through_the_chromium_step():
    dry = _make("-n", "test", f"CHROMIUM={sys.executable}")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.index(f"test -x {sys.executable}") < dry.stdout.index("-m pytest")


def test_with_chromium_there_is_nothing_to_do():
    done = _make("chromium", f"CHROMIUM={sys.executable}", "APT_GET=/nonexistent/apt-get")
    assert done.returncode == 0 and done.stderr == ""


def test_a_browser_test_without_chromium_fails_rather_than_skips(tmp_path):
    from test_browser import _need_chromium

    with pytest.raises(pytest.fail.Exception, match="sudo apt-get install -y chromium"):
        _need_chromium(str(tmp_path / "no-chromium"))
