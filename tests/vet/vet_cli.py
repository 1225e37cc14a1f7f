#!/usr/bin/env python3
"""ccsp-vet's command line, end to end: exit codes and one-line usage errors, --checks,
--list-checks, the whole-database mode, SARIF output, ccsp-c++ --vet, and the Microsoft SARIF
validator. Also the set-up steps the other vet tests rely on (precompiled header, npm install).
Usage: vet_cli.py SCENARIO --bin BUILD/bin --work DIR [...]; exit 77 means skipped."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
SKIP = 77
MULTITOOL_PACKAGE = "@microsoft/sarif-multitool"

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


class Ctx:
    def __init__(self, args):
        self.bin = args.bin
        self.vet = os.path.join(args.bin, "ccsp-vet")
        self.work = args.work
        self.include = args.include
        self.args = args
        os.makedirs(self.work, exist_ok=True)

    def flags(self):
        return ["--", "-std=c++20", "-pthread", "-I" + self.include]


def one_error_line(p):
    lines = p.stderr.strip().splitlines()
    return len(lines) == 1 and lines[0].startswith("ccsp-vet: error: ")


def scenario_cli(c):
    positive = os.path.join(CASES, "loopclosure", "threads.cpp")
    negative = os.path.join(CASES, "joinable", "handled.cpp")
    p = run([c.vet, "--list-checks"])
    names = [l.split()[0] for l in p.stdout.splitlines() if l.strip()]
    check(p.returncode == 0 and names == ["loopclosure", "waitgroup", "lostcancel", "joinable",
                                          "chanclose", "selfdeadlock", "copylocks", "condwait"],
          "--list-checks lists the eight checks")
    p = run([c.vet, negative] + c.flags())
    check(p.returncode == 0 and p.stdout == "", "a clean file: exit 0, no output")
    p = run([c.vet, positive] + c.flags())
    first = p.stdout.splitlines()[0] if p.stdout else ""
    check(p.returncode == 1, "findings: exit 1")
    check(re.match(r"^/.*/threads\.cpp:15:52: warning: loop variable 'i' is captured by "
                   r"reference .* \[ccsp-vet-loopclosure\]$", first) is not None,
          "clang's format: file:line:col: warning: message [ccsp-vet-NAME]")
    check("      |                            , i" in p.stdout, "the fix-it shows under the line")
    p = run([c.vet, "--checks=-loopclosure", positive] + c.flags())
    check(p.returncode == 0, "--checks=-loopclosure silences it")
    p = run([c.vet, "--checks=joinable,condwait", positive] + c.flags())
    check(p.returncode == 0, "--checks=joinable,condwait runs only those")
    out = os.path.join(c.work, "out.txt")
    p = run([c.vet, "-o", out, positive] + c.flags())
    check(p.returncode == 1 and p.stdout == "" and "[ccsp-vet-loopclosure]" in open(out).read(),
          "-o FILE writes the report there")
    for args, what in ((["--checks=nosuch", positive], "an unknown check"),
                       (["--format=xml", positive], "an unknown format"),
                       (["--no-such-flag", positive], "an unknown flag"),
                       ([], "no input files"),
                       ([os.path.join(c.work, "missing.cpp")], "a missing file"),
                       (["-p", os.path.join(c.work, "no-such-dir"), positive], "a missing -p dir"),
                       (["-p", tempfile.mkdtemp(), positive], "-p without compile_commands.json")):
        p = run([c.vet] + args + (c.flags() if args and args[0] != "-p" else []))
        check(p.returncode == 2 and one_error_line(p),
              f"{what}: exit 2 and one error line (got {p.returncode}: {p.stderr.strip()!r})")
    bad = os.path.join(c.work, "bad.cpp")
    with open(bad, "w") as f:
        f.write("int main() { return missing; }\n")
    p = run([c.vet, bad] + c.flags())
    check(p.returncode == 3 and "could not be analyzed" in p.stderr,
          "a file that does not compile: exit 3")
    # --fix: the fixable findings go away and the file still compiles.
    fixed = os.path.join(c.work, "fix_me.cpp")
    shutil.copy(positive, fixed)
    p = run([c.vet, "--fix", fixed] + c.flags())
    check(p.returncode == 1 and "applied 2 fixes" in p.stderr, "--fix applies the two fix-its")
    p = run([c.vet, fixed] + c.flags())
    text = open(fixed).read()
    check(p.returncode == 1 and p.stdout.count("[ccsp-vet-loopclosure]") == 4 and
          "[&, i] { std::printf" in text and "emplace_back(Work, i)" in text,
          "after --fix: [&, i] and Work, i; the other four findings remain")
    # The whole database: every file it lists.
    db_dir = os.path.join(c.work, "db")
    os.makedirs(db_dir, exist_ok=True)
    entries = [{"directory": db_dir, "file": f,
                "arguments": ["clang++", "-std=c++20", "-pthread", "-I" + c.include, "-c", f]}
               for f in (positive, negative)]
    with open(os.path.join(db_dir, "compile_commands.json"), "w") as f:
        json.dump(entries, f)
    p = run([c.vet, "-p", db_dir])
    files = {l.split(":")[0] for l in p.stdout.splitlines() if "warning:" in l}
    check(p.returncode == 1 and files == {positive},
          "-p DIR with no file named checks the whole database")


def sarif_of(c, files, out, root):
    p = run([c.vet, "--format=sarif", "-o", out, "--srcroot", root] + files + c.flags())
    return p


def scenario_sarif(c):
    files = [os.path.join(CASES, "loopclosure", "threads.cpp"),
             os.path.join(CASES, "joinable", "terminate.cpp")]
    out = os.path.join(c.work, "vet.sarif")
    p = sarif_of(c, files, out, HERE)
    check(p.returncode == 1, "--format=sarif: exit 1 with findings")
    log = json.load(open(out))
    check(log.get("version") == "2.1.0", "version 2.1.0")
    run0 = log["runs"][0]
    driver = run0["tool"]["driver"]
    rule_ids = [r["id"] for r in driver["rules"]]
    check(driver["name"] == "ccsp-vet" and len(rule_ids) == 8 and
          all(r["shortDescription"]["text"] and r["help"]["text"] for r in driver["rules"]),
          "the driver lists the eight rules with descriptions and help")
    check(run0["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + HERE + "/",
          "%SRCROOT% is the --srcroot directory")
    results = run0["results"]
    check(len(results) == 10, f"ten results (got {len(results)})")
    ok = all(rule_ids[r["ruleIndex"]] == r["ruleId"] and r["level"] == "warning" and
             r["message"]["text"].endswith(".") and "partialFingerprints" in r for r in results)
    check(ok, "each result: ruleId matching ruleIndex, level, message, fingerprint")
    loc = results[0]["locations"][0]["physicalLocation"]
    check(loc["artifactLocation"] == {"uri": "cases/joinable/terminate.cpp",
                                      "uriBaseId": "%SRCROOT%"} and loc["region"]["startLine"] == 9,
          "locations are %SRCROOT%-relative with a start line")
    fixes = [r for r in results if r.get("fixes")]
    inserts = [rep["insertedContent"]["text"] for r in fixes
               for ch in r["fixes"][0]["artifactChanges"] for rep in ch["replacements"]]
    check(", i" in inserts and "i" in inserts and "std::jthread" in inserts,
          "fix-its travel as SARIF fixes ([&, i], std::ref(i) -> i, std::jthread)")
    bad = os.path.join(c.work, "bad.cpp")
    with open(bad, "w") as f:
        f.write("int main() { return missing; }\n")
    out2 = os.path.join(c.work, "failed.sarif")
    p = run([c.vet, "--format=sarif", "-o", out2, bad] + c.flags())
    inv = json.load(open(out2))["runs"][0]["invocations"][0]
    check(p.returncode == 3 and inv["executionSuccessful"] is False and
          inv["toolExecutionNotifications"][0]["level"] == "error",
          "a file that does not compile is a tool notification")


def scenario_wrapper(c):
    cxx = os.path.join(c.bin, "ccsp-c++")
    src = os.path.join(CASES, "loopclosure", "threads.cpp")
    obj = os.path.join(c.work, "threads.o")
    if os.path.exists(obj):
        os.remove(obj)
    p = run([cxx, "--vet", "-std=c++20", "-c", src, "-o", obj])
    check(p.returncode == 0 and os.path.exists(obj), "ccsp-c++ --vet still compiles")
    check(p.stderr.count("[ccsp-vet-loopclosure]") == 6 and p.stdout == "",
          "ccsp-c++ --vet prints the findings on stderr")
    if p.returncode != 0:
        print(p.stderr[-3000:])
    if os.path.exists(obj):
        os.remove(obj)
    p = run([cxx, "--vet=error", "-std=c++20", "-c", src, "-o", obj])
    check(p.returncode == 1 and not os.path.exists(obj) and "--vet=error" in p.stderr,
          "ccsp-c++ --vet=error fails on findings and does not compile")
    clean = os.path.join(CASES, "joinable", "handled.cpp")
    p = run([cxx, "--vet=error", "-std=c++20", "-c", clean, "-o", obj])
    check(p.returncode == 0 and os.path.exists(obj) and p.stderr == "",
          "ccsp-c++ --vet=error on a clean file compiles quietly")
    bad = os.path.join(c.work, "bad.cpp")
    with open(bad, "w") as f:
        f.write("int main() { return missing; }\n")
    p = run([cxx, "--vet", "-c", bad, "-o", obj])
    check(p.returncode != 0 and p.stderr.count("use of undeclared identifier") == 1,
          "a compile error is reported once, by the compiler")


def scenario_pch(c):
    """Precompiles <ccsp/ccsp.hpp> and the std headers the cases use (speed only: the cases
    run without it when this fails)."""
    out = c.args.out
    prefix = os.path.join(os.path.dirname(out), "vet_prefix.hpp")
    headers = ["ccsp/ccsp.hpp", "algorithm", "atomic", "chrono", "condition_variable", "cstdio",
               "cstdlib", "functional", "future", "map", "memory", "mutex", "optional",
               "random", "shared_mutex", "string", "thread", "utility", "vector", "pthread.h"]
    with open(prefix, "w") as f:
        f.write("".join(f"#include <{h}>\n" for h in headers))
    p = run([c.args.clang, "-x", "c++-header", "-std=c++20", "-pthread", "-I" + c.include,
             prefix, "-o", out + ".tmp"])
    if p.returncode != 0:
        print("vet: no precompiled header (the cases will parse the headers):\n" + p.stderr)
        return
    os.replace(out + ".tmp", out)
    print("vet: precompiled " + out)


def multitool(c):
    base = os.path.join(c.args.npm_prefix, "node_modules", "@microsoft")
    for root, _, files in os.walk(base) if os.path.isdir(base) else []:
        if "Sarif.Multitool" in files and "sarif-multitool-linux" in root:
            return os.path.join(root, "Sarif.Multitool")
    return None


def scenario_npm(c):
    if multitool(c):
        print("vet: " + MULTITOOL_PACKAGE + " already installed")
    elif not shutil.which("npm"):
        print(f"skipped: npm is not installed (Debian package npm), so {MULTITOOL_PACKAGE} "
              "cannot be installed")
        sys.exit(SKIP)
    else:
        p = run(["npm", "install", "--prefix", c.args.npm_prefix, "--no-audit", "--no-fund",
                 "--fetch-retries=1", "--fetch-timeout=30000", MULTITOOL_PACKAGE], timeout=600)
        if p.returncode != 0 or not multitool(c):
            print(f"skipped: npm install {MULTITOOL_PACKAGE} failed (offline?):\n" +
                  p.stderr[-2000:])
            sys.exit(SKIP)
    tool = multitool(c)
    os.chmod(tool, os.stat(tool).st_mode | 0o100)  # its postinstall, which npm did not run


def scenario_sarif_validate(c):
    tool = multitool(c)
    if not tool:
        print(f"skipped: {MULTITOOL_PACKAGE} is not installed (npm absent or offline)")
        sys.exit(SKIP)
    logs = []
    vet_log = os.path.join(c.work, "validate-vet.sarif")
    files = [os.path.join(CASES, d, f) for d, f in (("loopclosure", "threads.cpp"),
                                                    ("lostcancel", "lost.cpp"),
                                                    ("joinable", "terminate.cpp"))]
    sarif_of(c, files, vet_log, HERE)
    logs.append(vet_log)
    example = os.path.join(c.work, "validate-example.sarif")
    p = run([os.path.join(c.args.example_bin), example, HERE])
    check(p.returncode == 0, "the SARIF example log is written")
    logs.append(example)
    # A broken log first: the validator must see its error, or this test proves nothing.
    broken = os.path.join(c.work, "validate-broken.sarif")
    with open(vet_log) as f:
        bad = json.load(f)
    bad["runs"][0]["results"][0]["ruleIndex"] = 99
    with open(broken, "w") as f:
        json.dump(bad, f)
    for log, want_errors in ((broken, True), (vet_log, False), (example, False)):
        out = os.path.join(c.work, os.path.basename(log) + ".validation.sarif")
        if os.path.exists(out):
            os.remove(out)
        p = run([tool, "validate", log, "--output", out, "--log", "ForceOverwrite"], timeout=300)
        text = p.stdout + p.stderr
        name = os.path.basename(log)
        check(p.returncode == 0 and os.path.exists(out) and "Unhandled exception" not in text,
              f"Sarif.Multitool validate {name} ran and wrote its report")
        errors = [l for l in text.splitlines() if ": error " in l]
        if want_errors:
            check(bool(errors), f"{name}: the validator reports the planted error")
        else:
            check(not errors, f"{name}: no errors")
            for line in errors:
                print(line)
        for line in text.splitlines():
            if ": warning " in line and not want_errors:
                print("  (validator) " + line.strip()[:200])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", choices=["cli", "sarif", "wrapper", "pch", "npm", "sarif-validate"])
    ap.add_argument("--bin", required=True, help="the folder holding ccsp-vet and ccsp-c++")
    ap.add_argument("--work", required=True, help="a scratch folder")
    ap.add_argument("--include", required=True, help="the ccsp API include directory")
    ap.add_argument("--clang", help="pch: the clang++ matching the tool")
    ap.add_argument("--out", help="pch: the output file")
    ap.add_argument("--npm-prefix", help="npm, sarif-validate: where the package is installed")
    ap.add_argument("--example-bin", help="sarif-validate: ccsp_sarif_example")
    args = ap.parse_args()
    c = Ctx(args)
    globals()["scenario_" + args.scenario.replace("-", "_")](c)
    if failures:
        print(f"{len(failures)} failing")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
