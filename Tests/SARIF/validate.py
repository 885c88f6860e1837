#!/usr/bin/env python3
"""Validates siolint's SARIF against the official SARIF 2.1.0 schema (JSON Schema draft-04).

    Tests/SARIF/validate.py [--siolint PATH]

Runs siolint --format sarif on every file in Samples/ (one run per file, and one over the whole
directory), on a suppressed finding with --include-suppressed, and on an unreadable input; each log
must validate with jsonschema's Draft4Validator. A deliberately broken log must fail, so the check
cannot pass vacuously. Uses a virtualenv under .build/sarif-venv with jsonschema (created on first
use); exit status 0 only when everything validates.
"""
import json
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VENV = os.path.join(ROOT, ".build", "sarif-venv")
VENV_PY = os.path.join(VENV, "bin", "python")


def ensure_jsonschema():
    try:
        import jsonschema  # noqa: F401
        return
    except ImportError:
        pass
    if os.path.abspath(sys.executable) == os.path.abspath(VENV_PY):
        sys.exit("validate.py: jsonschema is missing from " + VENV)
    if not os.path.exists(VENV_PY):
        print("validate.py: creating " + VENV + " with jsonschema", file=sys.stderr)
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([VENV_PY, "-m", "pip", "install", "-q", "--disable-pip-version-check", "jsonschema>=4,<5"])
    os.execv(VENV_PY, [VENV_PY] + sys.argv)


def main():
    ensure_jsonschema()
    import jsonschema

    siolint = os.path.join(ROOT, ".build", "debug", "siolint")
    if "--siolint" in sys.argv:
        siolint = sys.argv[sys.argv.index("--siolint") + 1]
    if not os.access(siolint, os.X_OK):
        sys.exit("validate.py: no siolint at %s (swift build first, or --siolint PATH)" % siolint)

    with open(os.path.join(ROOT, "Tests", "SARIF", "sarif-schema-2.1.0.json")) as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    assert validator_class is jsonschema.Draft4Validator, validator_class
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    def check(name, args, stdin=None, expect_status=None):
        p = subprocess.run([siolint, "--format", "sarif", "--no-config"] + args, cwd=ROOT, input=stdin,
                           capture_output=True, text=True)
        if expect_status is not None and p.returncode != expect_status:
            return ["exit status %d, expected %d: %s" % (p.returncode, expect_status, p.stderr.strip())]
        try:
            log = json.loads(p.stdout)
        except ValueError as e:
            return ["not JSON: %s" % e]
        errors = ["%s at %s" % (e.message, "/".join(str(x) for x in e.absolute_path))
                  for e in validator.iter_errors(log)]
        results = len(log["runs"][0]["results"]) if not errors else "?"
        print("%-60s %s (%s results, exit %d)" % (name, "ok" if not errors else "INVALID", results, p.returncode))
        return errors

    failures = {}
    samples = []
    for directory, _, files in os.walk(os.path.join(ROOT, "Samples")):
        samples += [os.path.relpath(os.path.join(directory, f), ROOT) for f in files if not f.startswith(".")]
    if not samples:
        sys.exit("validate.py: no samples found in Samples/")
    for sample in sorted(samples):
        errors = check(sample, [sample])
        if errors:
            failures[sample] = errors
    for name, args, stdin, status in [
        ("Samples/ (all at once)", ["Samples"], None, None),
        ("suppressed finding, --include-suppressed", ["--include-suppressed", "--stdin-filename", "site.conf", "-"],
         "http { server { listen 80; location /socket.io/ { proxy_pass http://127.0.0.1:3000; proxy_http_version 1.1;\n"
         "  proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade;\n"
         "  proxy_read_timeout 20s;  # siolint disable=SIO101,SIO102 -- test\n} } }\n", 0),
        ("unreadable input", ["does/not/exist.conf"], None, 2),
    ]:
        errors = check(name, args, stdin, status)
        if errors:
            failures[name] = errors

    # The validator must reject a broken log, or the checks above prove nothing.
    broken = json.loads(subprocess.run([siolint, "--format", "sarif", "--no-config", "Samples"], cwd=ROOT,
                                       capture_output=True, text=True).stdout)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    if not list(validator.iter_errors(broken)):
        failures["negative check"] = ["a result with level \"fatal\" was accepted"]

    for name, errors in failures.items():
        print("INVALID %s:\n  %s" % (name, "\n  ".join(errors[:10])), file=sys.stderr)
    print("validate.py: %d logs checked, %d invalid" % (len(samples) + 3, len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
