"""HTTP load: wrk when installed, else the built-in generator (benchmarks/loadgen.py) in its own
process. Either way an endpoint and its ceiling are measured by the same tool with the same
parameters. Requests come from a file, one per line: METHOD <tab> PATH <tab> EXTRA-HEADER <tab> BODY
("random": every request picks a line at random; "partition": each wrk thread / generator
connection walks its own slice in order, so every line is sent at most once until it wraps)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks import procs

WRK_LUA = r"""
local reqs = {}
local mode = "random"
local idx = 0
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  local file, nthreads = args[1], tonumber(args[3])
  mode = args[2]
  local me = tid or 0
  local i = 0
  for line in io.lines(file) do
    local m, p, h, b = string.match(line, "^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    if m then
      if mode ~= "partition" or (i % nthreads) == me then
        local headers = {}
        for k, v in pairs(wrk.headers) do headers[k] = v end
        if h ~= "" then
          local name, value = string.match(h, "^([^:]+):%s*(.*)$")
          headers[name] = value
        end
        if b == "" then b = nil end
        reqs[#reqs + 1] = wrk.format(m, p, headers, b)
      end
      i = i + 1
    end
  end
  math.randomseed(os.time() * 1000 + me)
end

function request()
  if mode == "random" then
    return reqs[math.random(#reqs)]
  end
  idx = idx + 1
  if idx > #reqs then idx = 1 end
  return reqs[idx]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests": %d, "duration_us": %d, "errors_connect": %d, "errors_read": %d, ' ..
    '"errors_write": %d, "errors_status": %d, "errors_timeout": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


@dataclass
class LoadResult:
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: int  # socket errors + timeouts + non-2xx/3xx
    tool: str
    cpu_ms: float = 0.0  # server CPU per request (user+system, from /proc), when known
    load: float = 0.0  # 1-minute load average when the run started

    def short(self) -> str:
        err = f", {self.errors} errors" if self.errors else ""
        return f"{self.rps:,.0f} rps, p50 {self.p50_ms:.1f} ms, p99 {self.p99_ms:.1f} ms{err}"


def tool() -> str:
    return "wrk" if shutil.which("wrk") else "builtin"


class Loader:
    def __init__(self, workdir: Path, *, force_builtin: bool = False) -> None:
        self.workdir = workdir
        self.tool = "builtin" if force_builtin else tool()
        self.lua = workdir / "bench.lua"
        self.lua.write_text(WRK_LUA)

    def run(self, base_url: str, requests_file: Path, *, mode: str = "random", connections: int = 64,
            threads: int = 2, seconds: float = 10, headers: dict[str, str] | None = None,
            timeout_s: int = 10) -> LoadResult:
        headers = headers or {}
        if self.tool == "wrk":
            args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
                    f"--timeout={timeout_s}s", "-s", str(self.lua)]
            for k, v in headers.items():
                args += ["-H", f"{k}: {v}"]
            args += [base_url, "--", str(requests_file), mode, str(threads)]
        else:
            spec = self.workdir / "loadgen.json"
            spec.write_text(json.dumps({"base_url": base_url, "file": str(requests_file), "mode": mode,
                                        "connections": connections, "seconds": seconds, "headers": headers,
                                        "timeout": timeout_s}))
            args = [sys.executable, "-m", "benchmarks.loadgen", str(spec)]
        proc = procs.spawn(args, stdout=subprocess.PIPE)
        try:
            out, _ = proc.communicate(timeout=seconds + 120)
        finally:
            procs.stop(proc)
        line = next((ln for ln in out.decode(errors="replace").splitlines() if ln.startswith("BENCHJSON ")), None)
        if line is None:
            raise RuntimeError(f"{self.tool} printed no result:\n{out.decode(errors='replace')[-2000:]}")
        r = json.loads(line[len("BENCHJSON "):])
        secs = r["duration_us"] / 1e6
        errors = sum(r[k] for k in ("errors_connect", "errors_read", "errors_write", "errors_status", "errors_timeout"))
        return LoadResult(requests=r["requests"], seconds=secs, rps=r["requests"] / secs if secs else 0.0,
                          p50_ms=r["p50_us"] / 1000, p90_ms=r["p90_us"] / 1000, p99_ms=r["p99_us"] / 1000,
                          max_ms=r["max_us"] / 1000, errors=errors, tool=self.tool)


def write_requests(path: Path, lines: list[tuple[str, str, str, str]]) -> Path:
    """(method, path, extra header 'Name: value' or '', body) -> the requests file."""
    with path.open("w") as fh:
        for method, p, header, body in lines:
            assert "\t" not in body and "\n" not in body, "bodies are single-line JSON"
            fh.write(f"{method}\t{p}\t{header}\t{body}\n")
    return path
