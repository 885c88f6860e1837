#!/usr/bin/env bash
# Runs the real pre-commit (from PyPI) with the siolint hook of THIS checkout, in a throw-away git
# repository: committing a broken nginx config must be blocked with siolint's message, the fixed
# config must commit. pre-commit builds siolint in release mode the first time (minutes on a small
# machine; its cache is kept in .build/pre-commit-home).
#
#   Tests/PreCommit/run.sh            exit 0 when both commits behave
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.build/precommit-venv"
export PRE_COMMIT_HOME="$root/.build/pre-commit-home"

if [ ! -x "$venv/bin/pre-commit" ]; then
    echo "precommit: creating $venv with pre-commit from PyPI" >&2
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "pre-commit>=3,<5"
fi
pc="$venv/bin/pre-commit"
echo "precommit: $("$pc" --version)"

# 1. The manifest is valid.
(cd "$root" && "$pc" validate-manifest .pre-commit-hooks.yaml)
echo "precommit: validate-manifest ok"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 2. A hook repository holding this checkout's working tree (committed or not), as one commit.
hooks="$work/hooks"
mkdir -p "$hooks"
(cd "$root" && git ls-files -z --cached --others --exclude-standard) | (cd "$root" && xargs -0 cp --parents -t "$hooks" 2>/dev/null || true)
git -C "$hooks" init -q
git -C "$hooks" -c user.name=t -c user.email=t@example.invalid add -A
git -C "$hooks" -c user.name=t -c user.email=t@example.invalid commit -qm "siolint under test"
rev="$(git -C "$hooks" rev-parse HEAD)"

# 3. A project that uses the hook.
project="$work/project"
mkdir -p "$project/deploy/nginx"
git -C "$project" init -q
git -C "$project" config user.name tester
git -C "$project" config user.email tester@example.invalid
cat >"$project/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: siolint
YAML
cat >"$project/deploy/nginx/nginx.conf" <<'CONF'
events {}
http {
    server {
        listen 80;
        location /socket.io/ {
            proxy_pass http://127.0.0.1:3000;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection upgrade;
            proxy_read_timeout 20s;
        }
    }
}
CONF
echo "not a proxy config" >"$project/README.txt"
(cd "$project" && "$pc" install >/dev/null)
git -C "$project" add -A

echo "precommit: committing a broken config (first run builds siolint in release mode)..."
set +e
out="$(cd "$project" && git commit -m "broken" 2>&1)"
status=$?
set -e
echo "$out" | sed 's/^/  | /'
if [ $status -eq 0 ]; then echo "precommit: FAIL: the broken config was committed" >&2; exit 1; fi
if ! grep -q "SIO101 websocket-idle-timeout" <<<"$out"; then echo "precommit: FAIL: siolint's message is missing" >&2; exit 1; fi
if git -C "$project" rev-parse -q --verify HEAD >/dev/null; then echo "precommit: FAIL: a commit exists" >&2; exit 1; fi
echo "precommit: broken config blocked (exit $status) with siolint's finding"

sed -i 's/proxy_read_timeout 20s;/proxy_read_timeout 60s;/' "$project/deploy/nginx/nginx.conf"
git -C "$project" add -A
out="$(cd "$project" && git commit -m "fixed" 2>&1)" || { echo "$out" | sed 's/^/  | /'; echo "precommit: FAIL: the fixed config was rejected" >&2; exit 1; }
echo "$out" | sed 's/^/  | /'
git -C "$project" log --oneline | grep -q fixed
echo "precommit: fixed config committed; PASS"
