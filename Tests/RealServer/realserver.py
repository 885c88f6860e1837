#!/usr/bin/env python3
"""Proof against real servers: run each config with the REAL proxy in front of REAL
python-socketio servers, drive REAL python-socketio clients through it, and compare what
happened with siolint's verdict on the same config.

  reality  "broken" <=> the proxy refuses the config, or any client fails
  siolint  "broken" <=> summary.errors > 0 in `siolint --format json`

Usage (normally through Scripts/realserver):
  realserver.py [--dialect nginx] [--reality-only] [--jobs N] [CASE_FILTER]
"""
from __future__ import annotations

import argparse
import atexit
import concurrent.futures as cf
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from proxies import (LIVE_DIRS, RUNNERS, free_port, kill, kill_all_live,  # noqa: E402
                     spawn)

# The harness's fast heartbeat: proxy timeouts become observable in seconds.
PING_INTERVAL = 2.0
PING_TIMEOUT = 1.0
HOLD = 7.0            # >= 3 heartbeats
UPGRADE_CHECK = 4.0
CASE_LIFETIME = 90    # seconds any process of one case may live, whatever happens
DEFAULT_TRANSPORTS = ["polling", "websocket"]
DEFAULT_MAX_BUFFER = 1_000_000

PRINT_LOCK = threading.Lock()


def log(msg: str) -> None:
    with PRINT_LOCK:
        print(msg, flush=True)


# ---------------------------------------------------------------------------------------
# cases

def load_cases(path: Path) -> list[dict]:
    raw = json.loads(path.read_text())
    cases = []
    for c in raw:
        c = dict(c)
        c.setdefault("name", Path(c["config"]).stem)
        c.setdefault("dialect", "nginx")
        c.setdefault("backends", 1)
        sio = dict(c.get("socketio") or {})
        sio.setdefault("maxHttpBufferSize", DEFAULT_MAX_BUFFER)
        sio.setdefault("transports", DEFAULT_TRANSPORTS)
        c["socketio"] = sio
        cases.append(c)
    return cases


# ---------------------------------------------------------------------------------------
# reality

def start_backend(name: str, port: int, sio: dict, workdir: Path) -> tuple:
    cmd = [sys.executable, str(HERE / "backend.py"), "--port", str(port), "--name", name,
           "--ping-interval", str(PING_INTERVAL), "--ping-timeout", str(PING_TIMEOUT),
           "--max-http-buffer-size", str(int(sio["maxHttpBufferSize"])),
           "--transports", ",".join(sio["transports"]),
           "--lifetime", str(CASE_LIFETIME)]
    err = open(workdir / f"backend-{name}.log", "wb")
    p = spawn(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err)
    line = b""
    deadline = time.monotonic() + 20
    # READY line, bounded: readline blocks, so read it in a helper thread.
    box: dict = {}
    t = threading.Thread(target=lambda: box.setdefault("line", p.stdout.readline()),
                         daemon=True)
    t.start()
    t.join(max(0.0, deadline - time.monotonic()))
    line = box.get("line", b"")
    if not line.startswith(b"READY"):
        kill(p)
        tail = (workdir / f"backend-{name}.log").read_text(errors="replace")[-300:]
        raise RuntimeError(f"backend {name} did not start: {tail.strip()}")
    return p


def backend_evidence(workdir: Path) -> list[str]:
    out = []
    for f in sorted(workdir.glob("backend-*.log")):
        text = f.read_text(errors="replace")
        name = f.stem.removeprefix("backend-")
        if "Invalid session" in text:
            out.append(f"backend {name}: Invalid session")
        if "packet is too large" in text or "ContentTooLong" in text:
            out.append(f"backend {name}: payload too large")
    return out


def run_clients(cmd: list[str]) -> dict:
    """One run of clients.py: every client kind at once, as a JSON dict by kind."""
    cp = spawn(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
               stderr=subprocess.PIPE, text=True)
    err = ""
    try:
        out, err = cp.communicate(timeout=HOLD + 45)
        return json.loads(out.strip().splitlines()[-1])
    except subprocess.TimeoutExpired:
        return {"all": {"ok": False, "reason": "clients process timed out"}}
    except (json.JSONDecodeError, IndexError):
        return {"all": {"ok": False, "reason": f"clients process failed: {err[-300:]}"}}
    finally:
        kill(cp)


def run_reality(case: dict, keep: bool) -> dict:
    runner_cls = RUNNERS[case["dialect"]]
    workdir = Path(tempfile.mkdtemp(prefix=f"siolint-rs-{case['name']}-"))
    if not keep:
        LIVE_DIRS.add(workdir)
    ports = {"proxy": free_port(), "backend0": free_port(), "backend1": free_port()}
    runner = runner_cls(ROOT / case["config"], workdir, ports, CASE_LIFETIME)
    backends = []
    result: dict = {"broken": None, "summary": "", "clients": {}, "evidence": [],
                    "workdir": str(workdir)}
    try:
        runner.prepare()
        ok, msg = runner.check()
        if not ok:
            result.update(broken=True, summary=f"proxy refuses to start: {msg}")
            return result
        for i in range(int(case["backends"])):
            backends.append(start_backend("AB"[i], ports[f"backend{i}"], case["socketio"],
                                          workdir))
        runner.start()
        why = runner.wait_ready()
        if why:
            result.update(broken=True, summary=f"proxy did not come up: {why}")
            return result
        cmd = [sys.executable, str(HERE / "clients.py"),
               "--url", f"http://127.0.0.1:{ports['proxy']}",
               "--hold", str(HOLD), "--upgrade-check", str(UPGRADE_CHECK),
               "--max-http-buffer-size", str(int(case["socketio"]["maxHttpBufferSize"])),
               "--transports", ",".join(case["socketio"]["transports"])]
        # A case whose outcome depends on which backend takes the handshake runs the clients
        # several times in a row: one broken round is a broken deployment (some users see it).
        rounds = int(case.get("rounds", 1))
        for round_index in range(rounds):
            clients = run_clients(cmd)
            if any(not c.get("ok") for c in clients.values()):
                if rounds > 1:
                    clients = {k: dict(v, reason=f"round {round_index + 1}/{rounds}: "
                                                 f"{v.get('reason')}")
                               if not v.get("ok") else v for k, v in clients.items()}
                break
        result["clients"] = clients
        result["evidence"] = runner.evidence() + backend_evidence(workdir)
        broken = any(not c.get("ok") for c in clients.values())
        result["broken"] = broken
        if broken:
            result["summary"] = "; ".join(f"{k}: {v.get('reason')}" for k, v in clients.items()
                                          if not v.get("ok"))
        else:
            result["summary"] = "all clients ok"
        return result
    except Exception as e:  # harness trouble is reported, never silently "works"
        result.update(broken=None, summary=f"harness error: {type(e).__name__}: {e}")
        return result
    finally:
        runner.stop()
        for b in backends:
            kill(b)
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
            LIVE_DIRS.discard(workdir)


# ---------------------------------------------------------------------------------------
# siolint

def run_siolint(siolint: str, case: dict, extra: list[str]) -> dict:
    sio = case["socketio"]
    cmd = [siolint, "--format", "json",
           "--ping-interval", f"{PING_INTERVAL:g}s", "--ping-timeout", f"{PING_TIMEOUT:g}s",
           "--max-http-buffer-size", str(int(sio["maxHttpBufferSize"])),
           "--transports", ",".join(sio["transports"])] + extra + [str(ROOT / case["config"])]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return {"broken": None, "rules": [], "error": f"{type(e).__name__}: {e}",
                "command": cmd}
    try:
        doc = json.loads(r.stdout)
        errors = int(doc["summary"]["errors"])
        rules = [f"{f['rule']}:{f['level']}" for f in doc.get("findings", [])]
        return {"broken": errors > 0, "rules": rules, "exit": r.returncode}
    except (json.JSONDecodeError, KeyError, TypeError, ValueError):
        return {"broken": None, "rules": [], "exit": r.returncode,
                "error": f"no JSON from siolint (exit {r.returncode}): "
                         f"{(r.stderr or r.stdout).strip()[:200]}"}


# ---------------------------------------------------------------------------------------
# main

def verdict(b) -> str:
    return {True: "broken", False: "works", None: "?"}[b]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("filter", nargs="?", default="",
                    help="run only cases whose name or config path contains this")
    ap.add_argument("--dialect", default=None, help="only cases of this dialect (nginx, haproxy)")
    ap.add_argument("--reality-only", action="store_true",
                    help="skip siolint; check reality against each case's `expect.reality`")
    ap.add_argument("--cases", default=str(HERE / "cases.json"))
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("REALSERVER_JOBS", "4")))
    ap.add_argument("--keep", action="store_true", help="keep each case's temp dir")
    ap.add_argument("--results", default=str(ROOT / ".build" / "realserver-results.json"))
    args = ap.parse_args()

    siolint = os.environ.get("SIOLINT", str(ROOT / ".build" / "debug" / "siolint"))
    if not args.reality_only and not (Path(siolint).is_file() and os.access(siolint, os.X_OK)):
        print(f"siolint binary not found at {siolint} (set SIOLINT, build it, or use "
              f"--reality-only)", file=sys.stderr)
        return 2

    cases = [c for c in load_cases(Path(args.cases))
             if (args.dialect is None or c["dialect"] == args.dialect)
             and (args.filter in c["name"] or args.filter in c["config"])]
    if not cases:
        print("no cases selected", file=sys.stderr)
        return 2
    for d in sorted({c["dialect"] for c in cases}):
        if d not in RUNNERS:
            print(f"no proxy runner for dialect {d!r}", file=sys.stderr)
            return 2
        if not RUNNERS[d].available():
            print(f"{RUNNERS[d].binary} not installed (run Scripts/lib/realserver-env.sh)",
                  file=sys.stderr)
            return 2

    def on_signal(signum, frame):
        kill_all_live(remove_dirs=not args.keep)
        os._exit(128 + signum)
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, on_signal)
    atexit.register(kill_all_live)

    versions = {d: RUNNERS[d].version() for d in {c["dialect"] for c in cases}}
    log(f"real-server run: {len(cases)} case(s), {args.jobs} at a time, heartbeat "
        f"{PING_INTERVAL:g}s+{PING_TIMEOUT:g}s, proxies {versions}, "
        f"{'reality only' if args.reality_only else 'siolint ' + siolint}")
    t0 = time.monotonic()

    def one(case: dict) -> dict:
        c0 = time.monotonic()
        reality = run_reality(case, args.keep)
        out = {"case": case, "reality": reality}
        if not args.reality_only:
            extra = RUNNERS[case["dialect"]](ROOT / case["config"], Path("/"), {}, 0) \
                .siolint_args()
            out["siolint"] = run_siolint(siolint, case, extra)
        out["seconds"] = round(time.monotonic() - c0, 1)
        log(f"  .. {case['name']}: {verdict(reality['broken'])} ({out['seconds']}s)")
        return out

    with cf.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(one, cases))

    passed = failed = 0
    rows = []
    for r in results:
        case, reality = r["case"], r["reality"]
        expect = (case.get("expect") or {}).get("reality")
        if args.reality_only:
            ok = reality["broken"] is not None and (
                expect is None or verdict(reality["broken"]) == expect)
            status = "AS-EXPECTED" if ok else "UNEXPECTED"
            lint = f"(expect {expect})" if expect else "-"
        else:
            lint_r = r["siolint"]
            ok = reality["broken"] is not None and lint_r["broken"] == reality["broken"]
            status = "MATCH" if ok else "MISMATCH"
            lint = (verdict(lint_r["broken"]) + ": " + (", ".join(lint_r["rules"]) or "no findings")
                    if lint_r["broken"] is not None else lint_r.get("error", "?"))
        passed += ok
        failed += not ok
        rows.append((case["name"], verdict(reality["broken"]), lint, status, reality))

    w = max(len(x[0]) for x in rows)
    print()
    print(f"{'case'.ljust(w)}  {'reality':7}  {'siolint':40}  result")
    print(f"{'-' * w}  {'-' * 7}  {'-' * 40}  ------")
    for name, real, lint, status, reality in rows:
        print(f"{name.ljust(w)}  {real:7}  {lint[:80]:40}  {status}")
        for k, v in reality["clients"].items():
            if not v.get("ok"):
                print(f"{''.ljust(w)}    - {k}: {v.get('reason')}")
        if not reality["clients"] or reality["broken"] is None:
            if reality["summary"] != "all clients ok":
                print(f"{''.ljust(w)}    - {reality['summary']}")
        if reality["evidence"] and reality["broken"]:
            print(f"{''.ljust(w)}    - evidence: {', '.join(reality['evidence'])}")
    elapsed = time.monotonic() - t0
    print()
    print(f"wall time {elapsed:.0f}s")

    try:
        Path(args.results).parent.mkdir(parents=True, exist_ok=True)
        Path(args.results).write_text(json.dumps(results, indent=1, default=str))
        print(f"details: {args.results}")
    except OSError:
        pass
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
