#!/usr/bin/env python3
"""A real python-socketio server for the real-server harness.

Default stack: socketio.ASGIApp served by uvicorn with the `websockets-sansio` implementation.
Listens on 127.0.0.1 only, with a fast heartbeat (ping_interval 2 s, ping_timeout 1 s by
default) so that proxy timeouts become observable in seconds. Events:
  echo(data)  -> returns {"echo": data, "node": NAME}
  size(data)  -> returns {"size": len(data), "node": NAME}
Prints one line "READY <name> pid=<pid> port=<port>" on stdout once it accepts connections,
and exits by itself after --lifetime seconds even if the harness died.
"""
import argparse
import asyncio
import logging
import os
import sys
import threading

import socketio
from aiohttp import web


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--name", default="node")
    ap.add_argument("--ping-interval", type=float, default=2.0)
    ap.add_argument("--ping-timeout", type=float, default=1.0)
    ap.add_argument("--max-http-buffer-size", type=int, default=1_000_000)
    ap.add_argument("--transports", default="polling,websocket")
    ap.add_argument("--lifetime", type=float, default=120.0)
    ap.add_argument("--stack", choices=["asgi", "aiohttp"], default="asgi",
                    help="asgi = socketio.ASGIApp under uvicorn + websockets (default); "
                         "aiohttp = socketio attached to an aiohttp app. Note: with aiohttp, "
                         "python-engineio reads polling POST bodies with one read(n), which "
                         "can return a short read, so large polling messages get truncated")
    args = ap.parse_args()

    # Server-side log lines (e.g. "Invalid session ...") go to stderr, which the harness
    # keeps in a file and quotes as evidence.
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format=f"[{args.name}] %(levelname)s %(message)s")
    log = logging.getLogger(f"backend.{args.name}")

    sio = socketio.AsyncServer(
        async_mode="asgi" if args.stack == "asgi" else "aiohttp",
        ping_interval=args.ping_interval,
        ping_timeout=args.ping_timeout,
        max_http_buffer_size=args.max_http_buffer_size,
        transports=[t for t in args.transports.split(",") if t],
        cors_allowed_origins="*",
        logger=log,
        engineio_logger=log,
    )

    @sio.event
    async def echo(sid, data):
        return {"echo": data, "node": args.name}

    @sio.event
    async def size(sid, data):
        return {"size": len(data) if data is not None else -1, "node": args.name}

    # Any other path answers 404 (like a typical app whose other routes do not match).
    if args.stack == "asgi":
        app = socketio.ASGIApp(sio, socketio_path="socket.io")
    else:
        app = web.Application()
        sio.attach(app, socketio_path="socket.io")

    async def run_asgi() -> None:
        import uvicorn
        config = uvicorn.Config(app, host="127.0.0.1", port=args.port, ws="websockets-sansio",
                                lifespan="off", log_level="warning", access_log=False)
        server = uvicorn.Server(config)
        task = asyncio.create_task(server.serve())
        for _ in range(200):
            if server.started or task.done():
                break
            await asyncio.sleep(0.05)
        if not server.started:
            raise SystemExit(f"uvicorn did not start on port {args.port}")
        print(f"READY {args.name} pid={os.getpid()} port={args.port}", flush=True)
        done, _ = await asyncio.wait({task}, timeout=args.lifetime)
        if not done:
            server.should_exit = True
            await asyncio.wait({task}, timeout=5)

    async def run_aiohttp() -> None:
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", args.port)
        await site.start()
        print(f"READY {args.name} pid={os.getpid()} port={args.port}", flush=True)
        try:
            await asyncio.sleep(args.lifetime)
        finally:
            await runner.cleanup()

    # Hard stop a little after the lifetime, whatever state the event loop is in.
    killer = threading.Timer(args.lifetime + 5.0, os._exit, (0,))
    killer.daemon = True
    killer.start()
    try:
        asyncio.run(run_asgi() if args.stack == "asgi" else run_aiohttp())
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
