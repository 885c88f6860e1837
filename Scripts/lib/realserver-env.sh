#!/usr/bin/env bash
# Set up what the real-server harness (Tests/RealServer) needs: the proxies from Debian and
# a virtualenv with python-socketio & co. Idempotent and quiet when everything is there.
# Source it (it then exports REALSERVER_PYTHON) or run it.
#   REALSERVER_VENV   virtualenv dir (default: <repo>/.build/realserver-venv)
#   REALSERVER_PROXIES  Debian packages to make sure of (default: nginx haproxy apache2)

_realserver_env() {
    local root venv req stamp want pkgs missing=() p
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    venv="${REALSERVER_VENV:-$root/.build/realserver-venv}"
    req="$root/Tests/RealServer/requirements.txt"
    stamp="$venv/.requirements.sha256"
    pkgs="${REALSERVER_PROXIES:-nginx haproxy apache2}"

    # 1. proxies from Debian
    for p in $pkgs; do
        case "$p" in
            nginx) command -v nginx >/dev/null 2>&1 || missing+=(nginx) ;;
            apache2) command -v apache2 >/dev/null 2>&1 || missing+=(apache2) ;;
            haproxy) command -v haproxy >/dev/null 2>&1 || missing+=(haproxy) ;;
            *) missing+=("$p") ;;
        esac
    done
    if ((${#missing[@]})); then
        if [ "$(id -u)" -ne 0 ]; then
            echo "realserver-env: ${missing[*]} missing and not root; install with apt-get" >&2
            return 1
        fi
        echo "realserver-env: installing ${missing[*]} from Debian" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null || return 1
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || return 1
    fi

    # 2. python virtualenv with python-socketio, uvicorn, websockets, aiohttp
    want="$(sha256sum "$req" | cut -d' ' -f1)"
    if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        echo "realserver-env: preparing $venv" >&2
        local py
        py="$(command -v python3.11 || command -v python3)" || {
            echo "realserver-env: python3 not found" >&2; return 1; }
        mkdir -p "$(dirname "$venv")"
        "$py" -m venv "$venv" || return 1
        "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req" || return 1
        echo "$want" >"$stamp"
    fi
    export REALSERVER_PYTHON="$venv/bin/python"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    _realserver_env
    echo "realserver-env: ready ($REALSERVER_PYTHON; $(nginx -v 2>&1 || true))"
else
    _realserver_env
fi
