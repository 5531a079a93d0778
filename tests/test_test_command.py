"""The README's test command stops at once, in one line, when the machine lacks what it needs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_without_chromium_or_a_way_to_install_it_the_test_command_says_so_and_runs_nothing(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "id", "dirname", "env"):
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).symlink_to(found)
    (bin_dir / "python3").symlink_to(Path(sys.base_prefix) / "bin" / "python3")
    started = time.monotonic()
    done = subprocess.run(["bash", str(ROOT / "scripts" / "test")], cwd=ROOT, capture_output=True, text=True,
                          env={"PATH": str(bin_dir), "HOME": str(tmp_path)}, timeout=60)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        "scripts/test: chromium is missing: run as root on Debian or Ubuntu (it is installed with apt-get), "
        "or put a chromium on PATH"
    ]
    assert done.stdout == "" and time.monotonic() - started < 10, "nothing was installed or run"
    assert os.access(ROOT / "scripts" / "test", os.R_OK)
