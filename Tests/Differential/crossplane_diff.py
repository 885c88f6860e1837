#!/usr/bin/env python3
"""Differential parsing: siolint's nginx syntax tree against crossplane's (PyPI `crossplane`).

For every nginx file of the shared corpus (../shared/corpus from the package root), parse it as a
main file with both parsers, includes spliced in place (crossplane's --combine), and compare
directive names, arguments, lines, files and nesting. Files crossplane rejects must be rejected by
siolint with SIO000 and the other way round.

Usage: Tests/Differential/crossplane_diff.py [--siolint PATH] [--corpus DIR] [--verbose] [FILE...]
Needs crossplane importable (Scripts/… create .build/venv; run with .build/venv/bin/python).
Exit status: 0 when every difference is listed in KNOWN_DIFFERENCES.md, 1 otherwise.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import crossplane

ROOT = Path(__file__).resolve().parents[2]
KNOWN = Path(__file__).resolve().parent / "KNOWN_DIFFERENCES.md"


def nginx_files(corpus: Path):
    """Every nginx configuration file in the corpus, as (display name, path)."""
    out = []
    torture = corpus / "parser-torture" / "nginx"
    for p in sorted(torture.rglob("*")):
        if p.is_file() and not p.name.endswith(".golden"):
            out.append(p)
    for folder in ("socketio-real", "socketio-examples"):
        for p in sorted((corpus / folder).glob("*")):
            name = p.name.lower()
            if name.endswith((".cfg", ".yml", ".md")) or "apache" in name or "httpd" in name:
                continue
            out.append(p)
    out += sorted(p for p in (corpus / "large").glob("*nginx.conf"))
    return out


def split_tailhook(path: Path, tmp: Path) -> Path:
    """tailhook errors/*.txt hold the input, a line `---`, then the expected error: keep the input."""
    text = path.read_bytes().split(b"\n---\n", 1)[0] + b"\n"
    target = tmp / (path.stem + ".conf")
    target.write_bytes(text)
    return target


def crossplane_form(raw: str) -> str:
    """An argument as crossplane reports it, from the text siolint says was written."""
    if len(raw) >= 2 and raw[0] in "\"'" and raw[-1] == raw[0]:
        q, inner, out, i = raw[0], raw[1:-1], [], 0
        while i < len(inner):
            if inner[i] == "\\" and i + 1 < len(inner):
                pair = inner[i:i + 2]
                out.append(q if pair == "\\" + q else pair)
                i += 2
            else:
                out.append(inner[i])
                i += 1
        return "".join(out)
    return raw


def prepare_if_args(args):
    """crossplane strips the parentheses of `if (…)`; do the same to siolint's arguments."""
    args = list(args)
    if args and args[0].startswith("(") and args[-1].endswith(")"):
        args[0] = args[0][1:].lstrip()
        args[-1] = args[-1][:-1].rstrip()
        start = int(not args[0])
        end = len(args) - int(not args[-1])
        args = args[start:end]
    return args


def norm_path(f, base: Path):
    p = Path(f)
    if not p.is_absolute():
        p = base / p
    return os.path.relpath(os.path.normpath(str(p)), str(base))


def siolint_tree(nodes, base):
    out = []
    for n in nodes:
        if n["directive"] == "include":
            continue  # an include siolint could not follow stays in its tree; crossplane drops it
        args = [crossplane_form(r) for r in n["raw"]]
        name = crossplane_form(n["directiveRaw"])
        if name == "if":
            args = prepare_if_args(args)
        item = {"directive": name, "args": args, "line": n["line"], "file": norm_path(n["file"], base)}
        if "block" in n:
            item["block"] = siolint_tree(n["block"], base)
        out.append(item)
    return out


def crossplane_tree(nodes, base):
    out = []
    for n in nodes:
        if n.get("directive") == "#":
            continue
        item = {"directive": n["directive"], "args": n["args"], "line": n["line"], "file": norm_path(n["file"], base)}
        if "block" in n:
            item["block"] = crossplane_tree(n["block"], base)
        out.append(item)
    return out


def first_difference(a, b, where="(top)"):
    """The first place two trees differ, as a message; None when equal."""
    for i in range(max(len(a), len(b))):
        if i >= len(a):
            x = b[i]
            return f"{where}: crossplane has an extra directive {x['directive']!r} ({x['file']}:{x['line']})"
        if i >= len(b):
            x = a[i]
            return f"{where}: siolint has an extra directive {x['directive']!r} ({x['file']}:{x['line']})"
        x, y = a[i], b[i]
        here = f"{x['file']}:{x['line']}"
        for key in ("directive", "args", "line", "file"):
            if x[key] != y[key]:
                return f"{here} {key}: siolint {x[key]!r} vs crossplane {y[key]!r}"
        if ("block" in x) != ("block" in y):
            return f"{here} {x['directive']}: block in {'siolint' if 'block' in x else 'crossplane'} only"
        if "block" in x:
            d = first_difference(x["block"], y["block"], f"{here} {x['directive']}")
            if d:
                return d
    return None


def is_missing_file(err):
    return "No such file or directory" in err.get("error", "")


def combine(payload):
    """Splices crossplane's per-file trees at their include directives (crossplane's own --combine
    labels the directives after an include with the included file's name; see KNOWN_DIFFERENCES.md)."""
    configs = payload["config"]

    def splice(nodes, fname, stack):
        out = []
        for n in nodes:
            n = dict(n, file=fname)
            if "includes" in n:
                for index in n["includes"]:
                    if index in stack:
                        raise RecursionError(f"include cycle through {configs[index]['file']}")
                    out += splice(configs[index]["parsed"], configs[index]["file"], stack + [index])
                continue
            if "block" in n:
                n["block"] = splice(n["block"], fname, stack)
            out.append(n)
        return out

    return splice(configs[0]["parsed"], configs[0]["file"], [0]) if configs else []


# crossplane errors that nginx reports while reading the file (ngx_conf_read_token / ngx_conf_parse),
# as opposed to checks of each directive's context and argument count.
SYNTAX_ERRORS = ("not terminated", "unexpected", "premature", "unbalanced", "recursion")


def classify(error: str) -> str:
    e = error.lower()
    if "no such file or directory" in e:
        return "missing"
    if any(k in e for k in SYNTAX_ERRORS):
        return "syntax"
    return "semantic"


def compare(path: Path, siolint: str, display: str):
    base = path.parent
    result = {"file": display}
    # The tree comes from crossplane's parser alone; its analyzer (context and argument checks)
    # drops the directives it objects to, so it only contributes errors.
    try:
        cp = crossplane.parse(str(path), catch_errors=True, check_ctx=False, check_args=False)
        errors = [(e.get("error") or "", e.get("line"), e.get("file")) for e in cp["errors"]]
        tree = combine(cp)
        full = crossplane.parse(str(path), catch_errors=True)
        errors += [(e.get("error") or "", e.get("line"), e.get("file")) for e in full["errors"] if e not in cp["errors"]]
    except RecursionError as e:
        errors, tree = [(f"recursion: {e}", None, None)], []
    cp_syntax = [e for e in errors if classify(e[0]) == "syntax"]
    semantic = [e[0] for e in errors if classify(e[0]) == "semantic"]
    cp_missing = sum(1 for e in errors if classify(e[0]) == "missing")
    proc = subprocess.run([siolint, "dump-syntax", "--dialect", "nginx", str(path)], cwd=str(base),
                          capture_output=True, timeout=120)
    if proc.returncode != 0:
        result.update(outcome="SIOLINT-CRASH", detail=proc.stderr.decode(errors="replace")[-300:])
        return result
    sio = json.loads(proc.stdout)
    sio_syntax = [e for e in sio["errors"] if e["kind"] != "includeNotFound"]
    sio_missing = sum(1 for e in sio["errors"] if e["kind"] == "includeNotFound")
    if semantic:
        result["semantic"] = semantic[0]
    if cp_syntax and sio_syntax:
        c, s = cp_syntax[0], sio_syntax[0]
        result.update(outcome="both-reject", detail=f"crossplane: {c[0]} | siolint {s['file']}:{s['line']}: {s['error']}")
        if c[1] is not None and c[1] != s["line"]:
            result["note"] = f"error line differs: crossplane {c[1]}, siolint {s['line']}"
        return result
    if cp_syntax:
        result.update(outcome="DIFF-crossplane-rejects", detail=cp_syntax[0][0])
        return result
    if sio_syntax:
        e = sio_syntax[0]
        result.update(outcome="DIFF-siolint-rejects", detail=f"{e['file']}:{e['line']}:{e['column']}: {e['error']}")
        return result
    a = siolint_tree(sio["config"][0]["parsed"], base) if sio["config"] else []
    b = crossplane_tree(tree, base)
    d = first_difference(a, b)
    if d:
        result.update(outcome="DIFF-tree", detail=d)
    elif cp_missing != sio_missing:
        result.update(outcome="DIFF-includes", detail=f"missing includes: crossplane {cp_missing}, siolint {sio_missing}")
    else:
        result.update(outcome="equal", detail=f"{count(a)} directives")
    return result


def count(nodes):
    return sum(1 + count(n.get("block", [])) for n in nodes)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--siolint", default=str(ROOT / ".build" / "debug" / "siolint"))
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("files", nargs="*")
    opts = ap.parse_args()
    corpus = Path(opts.corpus).resolve()
    files = [Path(f).resolve() for f in opts.files] or nginx_files(corpus)
    known = KNOWN.read_text() if KNOWN.exists() else ""
    unexplained = 0
    tally = {}
    with tempfile.TemporaryDirectory() as tmpdir:
        for f in files:
            display = os.path.relpath(f, corpus) if str(f).startswith(str(corpus)) else str(f)
            target = split_tailhook(f, Path(tmpdir)) if f.suffix == ".txt" and "tailhook" in str(f) else f
            r = compare(target, opts.siolint, display)
            tally[r["outcome"]] = tally.get(r["outcome"], 0) + 1
            listed = f"`{display}`" in known
            interesting = r["outcome"].startswith(("DIFF", "SIOLINT")) or "note" in r
            if interesting and not listed and r["outcome"] != "both-reject":
                unexplained += 1
            if opts.verbose or interesting:
                mark = "known" if listed else ("NEW" if interesting else "")
                print(f"{r['outcome']:26} {mark:5} {display}\n{'':32}{r.get('detail', '')}")
                for k in ("note", "semantic"):
                    if k in r:
                        print(f"{'':32}{k}: {r[k]}")
    print("\nsummary:", ", ".join(f"{k} {v}" for k, v in sorted(tally.items())), f"| files {len(files)} | unexplained {unexplained}")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
