"""`python -m streamlit` under an audit hook that records every watched path the server opens or lists.

The browser tests run the app through this, so a test can prove the server never touched a file a
browser named: PARALLAX_AUDIT_WATCH holds words (os.pathsep-separated) and PARALLAX_AUDIT_LOG the
file that gets one line per open or listing whose path contains one of them.
"""

from __future__ import annotations

import os
import runpy
import sys

_WATCH = tuple(w for w in os.environ.get("PARALLAX_AUDIT_WATCH", "").split(os.pathsep) if w)
_LOG = os.environ.get("PARALLAX_AUDIT_LOG", "")
_FD = os.open(_LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600) if _LOG and _WATCH else -1
_EVENTS = frozenset({"open", "os.listdir", "os.scandir", "os.chdir", "shutil.copyfile"})


def _hook(event: str, args: tuple) -> None:
    if event not in _EVENTS or not args:
        return
    path = args[0]
    if isinstance(path, bytes):
        path = path.decode(errors="replace")
    if isinstance(path, str) and any(word in path for word in _WATCH):
        os.write(_FD, f"{event}\t{path}\n".encode(errors="replace"))


if _FD >= 0:
    sys.addaudithook(_hook)
sys.argv = ["streamlit", *sys.argv[1:]]
runpy.run_module("streamlit", run_name="__main__", alter_sys=True)
