"""Child processes of a benchmark run: each in its own process group, all stopped on exit,
on an exception and on Ctrl-C (SIGINT/SIGTERM)."""

from __future__ import annotations

import atexit
import contextlib
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

_children: list[subprocess.Popen] = []


def _raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))


def spawn(args: list[str], *, env: dict[str, str] | None = None, log: Path | None = None,
          stdin: int | None = subprocess.DEVNULL, stdout: int | None = None) -> subprocess.Popen:
    out = open(log, "ab") if log is not None else subprocess.DEVNULL  # noqa: SIM115 - lives as long as the child
    proc = subprocess.Popen(
        args, cwd=ROOT, env=env, stdin=stdin, stdout=stdout if stdout is not None else out,
        stderr=out if log is not None else subprocess.DEVNULL,
        start_new_session=True, preexec_fn=_raise_fd_limit,
    )
    _children.append(proc)
    return proc


def stop(proc: subprocess.Popen, timeout: float = 8.0) -> None:
    """SIGTERM the child's group, then SIGKILL what is left after `timeout`."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
    if proc in _children:
        _children.remove(proc)


def stop_all() -> None:
    for proc in list(reversed(_children)):
        with contextlib.suppress(Exception):
            stop(proc, timeout=5.0)


def install_cleanup() -> None:
    atexit.register(stop_all)

    def on_signal(signum: int, frame: object) -> None:
        stop_all()
        # Ctrl-C: KeyboardInterrupt unwinds the run; SIGTERM: exit with the conventional code.
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(port: int, path: str, proc: subprocess.Popen, timeout: float, log: Path | None = None) -> None:
    """Until GET path answers (any status) or the child dies."""
    deadline = time.monotonic() + timeout
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
            raise RuntimeError(f"server on port {port} exited with {proc.returncode}\n{tail}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(request)
                if s.recv(16).startswith(b"HTTP/1.1"):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not answer {path} within {timeout:.0f}s")
