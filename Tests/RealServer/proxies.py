"""Proxy runners: start a REAL reverse proxy from a config file on free loopback ports.

One small ProxyRunner subclass per dialect. A runner
  1. copies the config into its own temp dir, rewriting the conventional addresses
     127.0.0.1:8080 (proxy), 127.0.0.1:3000 and 127.0.0.1:3001 (backends) to free ports,
  2. asks the proxy to test the config (`check`); a refusal means "proxy refuses to start",
  3. runs the proxy in the foreground (`start`), waits for the port, and always stops it.

To add a dialect, subclass ProxyRunner and register it in RUNNERS, e.g.
  ApacheRunner:  `apache2 -t -d TMP -f TMP/httpd.conf` to check, then
                 `apache2 -X -d TMP -f TMP/httpd.conf -C 'PidFile TMP/httpd.pid'
                  -C 'ErrorLog TMP/error.log'` in the foreground (own ServerRoot = TMP,
                 Debian's binary is /usr/sbin/apache2 and needs APACHE_RUN_DIR etc. or -C).
  HAProxyRunner: `haproxy -c -f TMP/haproxy.cfg` to check, `haproxy -db -f TMP/haproxy.cfg`
                 (implemented below; a directory case runs `-f` per .cfg file in name order).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

# Every process the harness starts is registered here so that a signal handler or atexit
# hook can kill them all, whatever state the worker threads are in.
LIVE_PROCESSES: set[subprocess.Popen] = set()
LIVE_DIRS: set[Path] = set()
_LOCK = threading.Lock()
_STOPPING = False


class Stopping(RuntimeError):
    """Raised by spawn() once the harness is shutting down."""

CONVENTIONAL = {"proxy": 8080, "backend0": 3000, "backend1": 3001}
_ADDR_RE = re.compile(r"127\.0\.0\.1:(8080|3000|3001)(?![0-9])")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def spawn(cmd: list[str], **kw) -> subprocess.Popen:
    """Start a process in its own session (so its whole group can be killed)."""
    with _LOCK:
        if _STOPPING:
            raise Stopping("harness is stopping")
        p = subprocess.Popen(cmd, start_new_session=True, **kw)
        LIVE_PROCESSES.add(p)
    return p


def kill(p: subprocess.Popen | None, grace: float = 3.0) -> None:
    if p is None:
        return
    try:
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                p.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                p.wait(timeout=grace)
    finally:
        with _LOCK:
            LIVE_PROCESSES.discard(p)


def kill_all_live(remove_dirs: bool = True) -> None:
    """Stop every process the harness started (no new ones after this) and its temp dirs."""
    global _STOPPING
    with _LOCK:
        _STOPPING = True
        procs = list(LIVE_PROCESSES)
    for p in procs:
        try:
            kill(p, grace=1.0)
        except Exception:
            pass
    if remove_dirs:
        for d in list(LIVE_DIRS):
            shutil.rmtree(d, ignore_errors=True)


class ProxyRunner:
    dialect = "?"
    binary = "?"
    config_name = "proxy.conf"

    def __init__(self, config: Path, workdir: Path, ports: dict[str, int], lifetime: float):
        self.source = config
        self.workdir = workdir
        self.ports = ports
        self.lifetime = lifetime
        self.conf = workdir / self.config_name
        self.proc: subprocess.Popen | None = None

    # -- helpers shared by all dialects ---------------------------------------------------
    def rewrite_ports(self, text: str) -> str:
        mapping = {str(CONVENTIONAL[k]): str(v) for k, v in self.ports.items()}
        return _ADDR_RE.sub(lambda m: f"127.0.0.1:{mapping.get(m.group(1), m.group(1))}", text)

    def prepare(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.conf.write_text(self.adapt(self.rewrite_ports(self.source.read_text())))

    def wait_ready(self, timeout: float = 10.0) -> str | None:
        """None when the proxy listens; otherwise the reason it did not come up."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                return f"proxy exited with status {self.proc.returncode}: {self.log_tail()}"
            if port_open(self.ports["proxy"]):
                return None
            time.sleep(0.05)
        return "proxy did not listen within %.0fs" % timeout

    def stop(self) -> None:
        kill(self.proc)
        self.proc = None

    # -- per dialect ----------------------------------------------------------------------
    @classmethod
    def available(cls) -> bool:
        return shutil.which(cls.binary) is not None

    @classmethod
    def version(cls) -> str | None:
        return None

    def adapt(self, text: str) -> str:
        """Dialect-specific additions that keep the run self-contained (temp paths, logs)."""
        return text

    def check(self) -> tuple[bool, str]:
        raise NotImplementedError

    def start(self) -> None:
        raise NotImplementedError

    def log_tail(self) -> str:
        return ""

    # (pattern, label) pairs looked for in the proxy's error.log as evidence of what happened.
    _EVIDENCE: list[tuple[str, str]] = []

    def evidence(self) -> list[str]:
        p = self.workdir / "error.log"
        if not self._EVIDENCE or not p.exists():
            return []
        text = p.read_text(errors="replace")
        return [label for pat, label in self._EVIDENCE if re.search(pat, text)]

    def siolint_args(self) -> list[str]:
        return []


class NginxRunner(ProxyRunner):
    dialect = "nginx"
    binary = "nginx"
    config_name = "nginx.conf"

    _TEMP_DIRS = ("client_body_temp_path", "proxy_temp_path", "fastcgi_temp_path",
                  "uwsgi_temp_path", "scgi_temp_path")

    @classmethod
    def version(cls) -> str | None:
        try:
            out = subprocess.run([cls.binary, "-v"], capture_output=True, text=True,
                                 timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return None
        m = re.search(r"nginx/(\d+\.\d+\.\d+)", out.stderr + out.stdout)
        return m.group(1) if m else None

    def adapt(self, text: str) -> str:
        # Keep temp files and the access log inside the work dir (the compiled-in defaults
        # are under /var/lib/nginx and /var/log/nginx). Inserted right after `http {`,
        # only for directives the config does not set itself.
        lines = []
        for d in self._TEMP_DIRS:
            if not re.search(rf"^\s*{d}\s", text, re.M):
                lines.append(f"{d} {self.workdir / d};")
        lines.append(f"access_log {self.workdir / 'access.log'};")
        inject = " ".join(lines)
        return re.sub(r"^(\s*http\s*\{)", lambda m: m.group(1) + " " + inject, text,
                      count=1, flags=re.M)

    def _globals(self, foreground: bool) -> str:
        g = f"pid {self.workdir / 'nginx.pid'}; error_log {self.workdir / 'error.log'} info;"
        if foreground:
            g = "daemon off; master_process off; " + g
        return g

    def check(self) -> tuple[bool, str]:
        cmd = [self.binary, "-t", "-q", "-p", f"{self.workdir}/", "-e", "stderr",
               "-c", str(self.conf), "-g", self._globals(False)]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        msg = (r.stderr + r.stdout).strip()
        if r.returncode == 0:
            return True, msg
        emerg = [line for line in msg.splitlines() if "[emerg]" in line] or msg.splitlines()
        text = emerg[0] if emerg else f"nginx -t exit {r.returncode}"
        text = re.sub(r"^.*?\[emerg\] \d+#\d+: ", "", text)
        return False, text.replace(str(self.workdir) + "/", "")

    def start(self) -> None:
        # `timeout` bounds nginx's life even if the harness is killed with SIGKILL.
        cmd = ["timeout", "-k", "5", str(int(self.lifetime)), self.binary,
               "-p", f"{self.workdir}/", "-e", str(self.workdir / "error.log"),
               "-c", str(self.conf), "-g", self._globals(True)]
        self.proc = spawn(cmd, stdin=subprocess.DEVNULL,
                          stdout=open(self.workdir / "stdout.log", "wb"),
                          stderr=subprocess.STDOUT)

    def log_tail(self) -> str:
        p = self.workdir / "error.log"
        if not p.exists():
            return ""
        lines = [x for x in p.read_text(errors="replace").splitlines() if "[emerg]" in x
                 or "[alert]" in x]
        return lines[-1] if lines else ""

    _EVIDENCE = [
        (r"upstream timed out", "nginx: upstream timed out"),
        (r"client intended to send too large body", "nginx: client intended to send too "
                                                    "large body"),
        (r"upstream prematurely closed", "nginx: upstream prematurely closed connection"),
        (r"connect\(\) failed", "nginx: connect() to upstream failed"),
    ]

    def siolint_args(self) -> list[str]:
        v = self.version()
        return ["--nginx-version", v] if v else []


class HAProxyRunner(ProxyRunner):
    """HAProxy from Debian: `haproxy -c -f` to check, `haproxy -db -f` in the foreground.
    Listens on loopback only (the configs bind 127.0.0.1:8080, rewritten to a free port)."""
    dialect = "haproxy"
    binary = "haproxy"
    config_name = "haproxy.cfg"

    @classmethod
    def version(cls) -> str | None:
        try:
            out = subprocess.run([cls.binary, "-v"], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return None
        m = re.search(r"HAProxy version (\d+\.\d+(?:\.\d+)?)", out.stdout + out.stderr)
        return m.group(1) if m else None

    def sources(self) -> list[Path]:
        """One file, or the .cfg files of a directory in name order (as `haproxy -f DIR`)."""
        if self.source.is_dir():
            return sorted(p for p in self.source.iterdir() if p.suffix == ".cfg")
        return [self.source]

    def prepare(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.files = []
        for i, src in enumerate(self.sources()):
            dst = self.workdir / f"{i:02d}-{src.name}"
            dst.write_text(self.rewrite_ports(src.read_text()))
            self.files.append(dst)

    def _args(self) -> list[str]:
        out: list[str] = []
        for f in self.files:
            out += ["-f", str(f)]
        return out

    def check(self) -> tuple[bool, str]:
        r = subprocess.run([self.binary, "-c", "-q"] + self._args(), capture_output=True, text=True,
                           timeout=30)
        msg = (r.stderr + r.stdout).strip()
        if r.returncode == 0:
            return True, msg
        alerts = [line for line in msg.splitlines() if "[ALERT]" in line] or msg.splitlines()
        text = alerts[0] if alerts else f"haproxy -c exit {r.returncode}"
        text = re.sub(r"^.*?\[ALERT\]\s+\(\d+\) : ", "", text)
        return False, text.replace(str(self.workdir) + "/", "")

    def start(self) -> None:
        # `timeout` bounds HAProxy's life even if the harness is killed with SIGKILL.
        cmd = ["timeout", "-k", "5", str(int(self.lifetime)), self.binary, "-db"] + self._args()
        self.proc = spawn(cmd, stdin=subprocess.DEVNULL,
                          stdout=open(self.workdir / "haproxy.log", "wb"),
                          stderr=subprocess.STDOUT)

    def log_tail(self) -> str:
        p = self.workdir / "haproxy.log"
        if not p.exists():
            return ""
        lines = [x for x in p.read_text(errors="replace").splitlines() if "ALERT" in x]
        return lines[-1] if lines else ""

    def siolint_args(self) -> list[str]:
        v = self.version()
        return ["--haproxy-version", v] if v else []


class ApacheRunner(ProxyRunner):
    """Debian's apache2 in the foreground (-X: one process, no fork), its own ServerRoot.

    The config's whole directory is copied (Include paths are relative to ServerRoot, and the
    Debian-style tree has sites-enabled/ etc.), ports are rewritten in every file, and
    `modules` -> /usr/lib/apache2/modules is linked so `LoadModule x modules/mod_x.so` works as in
    the official httpd image. Debian's envvars are set in the environment, and pid file, error
    log and runtime dir are forced into the temp dir with -c (applied after the config).
    """
    dialect = "apache"
    binary = "apache2"
    MODULES = "/usr/lib/apache2/modules"

    def __init__(self, config: Path, workdir: Path, ports: dict[str, int], lifetime: float):
        super().__init__(config, workdir, ports, lifetime)
        self.root = workdir / "root"
        self.conf = self.root / config.name

    @classmethod
    def version(cls) -> str | None:
        try:
            out = subprocess.run([cls.binary, "-v"], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return None
        m = re.search(r"Apache/(\d+\.\d+\.\d+)", out.stdout + out.stderr)
        return m.group(1) if m else None

    def prepare(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        shutil.copytree(self.source.parent, self.root, symlinks=True)
        for f in self.root.rglob("*"):
            if f.is_file() and not f.is_symlink():
                try:
                    text = f.read_text()
                except UnicodeDecodeError:
                    continue
                f.write_text(self.rewrite_ports(text))
        if not (self.root / "modules").exists():
            (self.root / "modules").symlink_to(self.MODULES)

    def env(self) -> dict[str, str]:
        e = dict(os.environ)
        w = str(self.workdir)
        e.update(APACHE_RUN_DIR=w, APACHE_LOCK_DIR=w, APACHE_LOG_DIR=w,
                 APACHE_PID_FILE=f"{w}/httpd.pid", APACHE_RUN_USER="www-data",
                 APACHE_RUN_GROUP="www-data")
        return e

    def _args(self) -> list[str]:
        w = self.workdir
        return ["-d", str(self.root), "-f", str(self.conf),
                "-c", f"PidFile {w}/httpd.pid", "-c", f"ErrorLog {w}/error.log",
                "-c", f"DefaultRuntimeDir {w}"]

    def check(self) -> tuple[bool, str]:
        r = subprocess.run([self.binary, "-t"] + self._args(), capture_output=True, text=True,
                           timeout=30, env=self.env())
        msg = (r.stderr + r.stdout).strip()
        if r.returncode == 0:
            return True, msg
        lines = [x for x in msg.splitlines() if "AH00558" not in x and x.strip()]
        return False, " ".join(lines[:2]).replace(str(self.root) + "/", "")

    def start(self) -> None:
        cmd = ["timeout", "-k", "5", str(int(self.lifetime)), self.binary, "-X"] + self._args()
        self.proc = spawn(cmd, stdin=subprocess.DEVNULL, env=self.env(),
                          stdout=open(self.workdir / "stdout.log", "wb"), stderr=subprocess.STDOUT)

    def log_tail(self) -> str:
        for name in ("stdout.log", "error.log"):
            p = self.workdir / name
            if p.exists():
                lines = [x for x in p.read_text(errors="replace").splitlines()
                         if "emerg" in x or "alert" in x or "rror" in x]
                if lines:
                    return lines[-1]
        return ""

    _EVIDENCE = [
        (r"AH01102|Timeout on 100-Continue|timed out|AH01110", "httpd: backend timed out"),
        (r"AH00957|AH01114", "httpd: connect to backend failed"),
        (r"request body is larger|AH01124|413", "httpd: request body too large"),
        (r"AH10101|upgrade", "httpd: upgrade"),
    ]

    def siolint_args(self) -> list[str]:
        v = self.version()
        return ["--dialect", "apache"] + (["--apache-version", v] if v else [])


RUNNERS: dict[str, type[ProxyRunner]] = {
    "nginx": NginxRunner,
    "haproxy": HAProxyRunner,
    "apache": ApacheRunner,
}
