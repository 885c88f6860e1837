#!/usr/bin/env python3
"""Real python-socketio clients, run concurrently through a proxy.

  websocket-only  transports=["websocket"]: connect, stay connected through >= 3 heartbeats,
                  then an echo round trip.
  default         polling first, then upgrade: after --upgrade-check seconds the transport must
                  be "websocket" ("stuck in polling" otherwise), stays connected, echo works.
  polling-only    transports=["polling"]: stays connected through >= 3 heartbeats, echo round
                  trip, then one message of ~90 % of maxHttpBufferSize (one polling POST body),
                  whose size the server must acknowledge.

Which clients run follows the server's transports (websocket-only needs "websocket",
polling-only needs "polling", default needs both). Prints one JSON object on stdout:
  {"websocket-only": {"ok": bool, "reason": str, "requests": [...]}, ...}
Every step is bounded in time; the whole run ends within about hold + 25 s.
"""
import argparse
import asyncio
import json
import logging
import sys
import time
from urllib.parse import parse_qs, urlsplit

import aiohttp
import socketio


class Recorder(logging.Handler):
    """Keeps the log lines of one client's socketio/engineio loggers."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(record.getMessage())
        except Exception:  # pragma: no cover
            pass


def make_trace(requests: list[dict], t0: float) -> aiohttp.TraceConfig:
    """Records method, transport and HTTP status of every request the client makes."""
    tc = aiohttp.TraceConfig()

    async def on_end(session, ctx, params):
        q = parse_qs(urlsplit(str(params.url)).query)
        requests.append({
            "t": round(time.monotonic() - t0, 2),
            "method": params.method,
            "transport": (q.get("transport") or ["?"])[0],
            "status": params.response.status,
        })

    async def on_exc(session, ctx, params):
        q = parse_qs(urlsplit(str(params.url)).query)
        requests.append({
            "t": round(time.monotonic() - t0, 2),
            "method": params.method,
            "transport": (q.get("transport") or ["?"])[0],
            "status": None,
            "error": type(params.exception).__name__,
        })

    tc.on_request_end.append(on_end)
    tc.on_request_exception.append(on_exc)
    return tc


def http_evidence(requests: list[dict]) -> str:
    """Short text such as 'websocket handshake HTTP 400; polling POST HTTP 413'."""
    seen: list[str] = []
    for r in requests:
        st = r.get("status")
        if st is not None and (200 <= st < 300 or st == 101):
            continue
        what = "websocket handshake" if r["transport"] == "websocket" else \
            f"{r['transport']} {r['method']}"
        text = f"{what} HTTP {st}" if st is not None else f"{what} {r.get('error')}"
        if text not in seen:
            seen.append(text)
    return "; ".join(seen)


def log_evidence(lines: list[str]) -> str:
    keys = ("Server has stopped communicating", "WebSocket upgrade failed",
            "WebSocket connection was closed", "Unexpected", "Connection refused",
            "packet queue is empty")
    # "Unexpected status code N" is already covered by the per-request HTTP evidence.
    out: list[str] = []
    for line in lines:
        if any(k in line for k in keys) and "Unexpected status code" not in line:
            short = line.split(" in server response")[0]
            if short not in out:
                out.append(short)
    return "; ".join(out[:2])


async def run_client(kind: str, url: str, hold: float, upgrade_check: float,
                     max_buffer: int) -> dict:
    t0 = time.monotonic()
    requests: list[dict] = []
    rec = Recorder()
    logger = logging.getLogger(f"client.{kind}")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(rec)

    # Keep cookies set for the 127.0.0.1 origin as a browser does (aiohttp's default jar
    # drops cookies of IP-address hosts, which would defeat proxy-inserted affinity cookies).
    session = aiohttp.ClientSession(trace_configs=[make_trace(requests, t0)],
                                    cookie_jar=aiohttp.CookieJar(unsafe=True))
    sio = socketio.AsyncClient(reconnection=False, logger=logger, engineio_logger=logger,
                               handle_sigint=False, http_session=session,
                               request_timeout=5)
    state: dict = {"disc_at": None, "disc_reason": None}
    gone = asyncio.Event()

    @sio.event
    async def disconnect(reason=None):
        if state["disc_at"] is None:
            state["disc_at"] = time.monotonic() - t0
            state["disc_reason"] = str(reason)
        gone.set()

    async def call(event: str, data, timeout: float):
        """sio.call, but give up as soon as the connection is lost."""
        task = asyncio.ensure_future(sio.call(event, data, timeout=timeout))
        waiter = asyncio.ensure_future(gone.wait())
        done, _ = await asyncio.wait({task, waiter}, timeout=timeout + 1,
                                     return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
        if task in done:
            return task.result()
        task.cancel()
        raise ConnectionError("connection lost" if gone.is_set() else "timed out")

    transports = {"websocket-only": ["websocket"], "polling-only": ["polling"],
                  "default": ["polling", "websocket"]}[kind]
    result = {"ok": False, "reason": "", "transport": None}

    def fail(reason: str) -> dict:
        extra = [e for e in (http_evidence(requests), log_evidence(rec.lines)) if e]
        result["reason"] = reason + (f" ({'; '.join(extra)})" if extra else "")
        return result

    def disconnected() -> str | None:
        if state["disc_at"] is None and sio.connected:
            return None
        at = state["disc_at"] if state["disc_at"] is not None else time.monotonic() - t0
        return f"disconnected after {at:.1f}s: {state['disc_reason'] or 'transport close'}"

    try:
        try:
            await asyncio.wait_for(
                sio.connect(url, transports=transports, socketio_path="socket.io",
                            wait_timeout=5),
                timeout=10)
        except asyncio.TimeoutError:
            return fail("connect timed out")
        except Exception as e:  # socketio.exceptions.ConnectionError and friends
            return fail(f"connect failed: {e}")

        # Hold the connection through several heartbeats, checking the transport on the way.
        deadline = t0 + hold
        checked_upgrade = kind != "default"
        while time.monotonic() < deadline:
            await asyncio.sleep(0.1)
            if disconnected():
                return fail(disconnected())
            if not checked_upgrade and time.monotonic() - t0 >= upgrade_check:
                checked_upgrade = True
                result["transport"] = sio.transport()
                if sio.transport() != "websocket":
                    return fail(f"stuck in polling after {upgrade_check:.0f}s")
        result["transport"] = sio.transport()

        token = f"{kind}-{time.time_ns()}"
        try:
            answer = await call("echo", token, 3)
        except Exception as e:
            return fail(disconnected() or f"echo failed: {type(e).__name__} {e}".strip())
        if not isinstance(answer, dict) or answer.get("echo") != token:
            return fail(f"echo returned {answer!r}")
        result["node"] = answer.get("node")

        if kind == "polling-only":
            # One polling POST whose body is ~90 % of maxHttpBufferSize.
            payload = "x" * int(max_buffer * 0.9)
            try:
                answer = await call("size", payload, 8)
            except Exception as e:
                return fail(f"{len(payload)}-byte message failed: "
                            + (disconnected() or f"{type(e).__name__} {e}".strip()))
            if not isinstance(answer, dict) or answer.get("size") != len(payload):
                return fail(f"{len(payload)}-byte message: server answered {answer!r}")
            result["big_message"] = len(payload)

        if disconnected():
            return fail(disconnected())
        result["ok"] = True
        result["reason"] = "ok"
        return result
    finally:
        result["requests"] = requests[-30:]
        try:
            await asyncio.wait_for(sio.disconnect(), timeout=3)
        except Exception:
            pass
        try:
            await session.close()
        except Exception:
            pass


async def amain(args) -> dict:
    server_transports = [t for t in args.transports.split(",") if t]
    kinds = []
    if "websocket" in server_transports:
        kinds.append("websocket-only")
    if "polling" in server_transports and "websocket" in server_transports:
        kinds.append("default")
    if "polling" in server_transports:
        kinds.append("polling-only")

    async def bounded(kind: str) -> dict:
        try:
            return await asyncio.wait_for(
                run_client(kind, args.url, args.hold, args.upgrade_check,
                           args.max_http_buffer_size),
                timeout=args.hold + 20)
        except asyncio.TimeoutError:
            return {"ok": False, "reason": "client timed out"}
        except Exception as e:  # never let one client take the others down
            return {"ok": False, "reason": f"client crashed: {type(e).__name__}: {e}"}

    results = await asyncio.gather(*(bounded(k) for k in kinds))
    return dict(zip(kinds, results))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True, help="proxy URL, e.g. http://127.0.0.1:8080")
    ap.add_argument("--hold", type=float, default=7.0,
                    help="seconds to stay connected before the echo (>= 3 heartbeats)")
    ap.add_argument("--upgrade-check", type=float, default=4.0)
    ap.add_argument("--max-http-buffer-size", type=int, default=1_000_000)
    ap.add_argument("--transports", default="polling,websocket")
    args = ap.parse_args()
    out = asyncio.run(amain(args))
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
