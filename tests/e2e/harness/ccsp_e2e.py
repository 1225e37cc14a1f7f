#!/usr/bin/env python3
# End-to-end harness shared by tests/e2e and samples/: runs one instrumented case, analyzes its
# trace and checks the `// EXPECT:` lines written in its source (see tests/e2e/README.md).
# Exit: 0 pass, 1 fail, 77 pending/skipped (ctest SKIP_RETURN_CODE). Stdlib only.
import argparse
import glob
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import expectations  # noqa: E402
import results  # noqa: E402
import tsan_reports  # noqa: E402
import verdict  # noqa: E402

PASS, FAIL, SKIP = 0, 1, 77


def _status(returncode):
    """Shell convention: a death by signal N is 128+N."""
    return 128 - returncode if returncode < 0 else returncode


def run_cmd(cmd, cwd, env, timeout):
    """Runs cmd in its own process group. Returns (status, stdout, stderr, timed_out)."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        timed_out = True
    text = lambda b: b.decode("utf-8", "replace")  # noqa: E731
    return (_status(proc.returncode), text(out), text(err), timed_out,
            time.monotonic() - started)


def _tail(text, n=40):
    lines = text.rstrip().splitlines()
    cut = lines[-n:]
    return ("  ...\n" if len(lines) > n else "") + "\n".join("  | " + x for x in cut)


class Case:
    def __init__(self, a):
        self.a = a
        self.log = []          # lines shown with a failure
        self.problems = []

    def env(self, exp, trace_path=None):
        env = dict(os.environ)
        env.pop("CCSP_OPTIONS", None)  # the user's shell must not change a test's verdict
        env.update(exp.env)
        if trace_path:
            opts = [f"trace_path={trace_path}"]
            if exp.env.get("CCSP_OPTIONS"):
                opts.append(exp.env["CCSP_OPTIONS"])
            env["CCSP_OPTIONS"] = ":".join(opts)
        if self.a.backend == "tsan":
            env["TSAN_OPTIONS"] = "halt_on_error=0:exitcode=66:" + env.get("TSAN_OPTIONS", "")
        return env

    def program(self, exp, cmd, env):
        self.log.append("$ " + " ".join(shlex.quote(c) for c in cmd))
        status, out, err, timed_out, secs = run_cmd(cmd, self.a.work, env, self.a.timeout)
        if timed_out:
            self.problems.append(
                f"timed out after {self.a.timeout:g}s: the program hung (an all-asleep state "
                "the watchdog missed, or a case that waits on time?)")
        self.log.append(f"  exit status {status} after {secs:.2f}s")
        if out.strip():
            self.log.append("stdout:\n" + _tail(out))
        if err.strip():
            self.log.append("stderr:\n" + _tail(err))
        return status, out, err, timed_out

    def load_report(self, path):
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as e:
            self.problems.append(f"cannot read the analyzer's JSON report {path}: {e}")
            return None
        if not isinstance(data, dict) or not isinstance(data.get("reports"), list):
            self.problems.append(f"{path}: no top-level \"reports\" list")
            return None
        return data

    def record_then_analyze(self, exp):
        """Runs the program with a trace path of our choosing, then `ccsp-analyze TRACE`."""
        trace = os.path.join(self.a.work, "trace.bin")
        report = os.path.join(self.a.work, "report.json")
        status, out, err, timed_out = self.program(
            exp, [self.a.exe] + exp.args, self.env(exp, trace))
        if timed_out:
            return None, status, out, err
        traces = [trace] if os.path.exists(trace) else sorted(
            glob.glob(os.path.join(self.a.work, "*.bin")))
        if not traces:
            self.problems.append(f"the program wrote no trace (looked for {trace})")
            return None, status, out, err
        cmd = [self.a.analyzer, "--format=json", f"--output={report}"] + traces
        self.log.append("$ " + " ".join(shlex.quote(c) for c in cmd))
        astatus, aout, aerr, atimeout, secs = run_cmd(
            cmd, self.a.work, self.env(exp), self.a.analyzer_timeout)
        self.log.append(f"  analyzer exit status {astatus} after {secs:.2f}s")
        if aerr.strip():
            self.log.append("analyzer stderr:\n" + _tail(aerr, 20))
        if atimeout:
            self.problems.append(f"the analyzer timed out after {self.a.analyzer_timeout:g}s")
            return None, status, out, err
        if astatus not in (0, 66):
            self.problems.append(f"the analyzer failed with exit status {astatus}")
            return None, status, out, err
        data = self.load_report(report)
        if data is not None and (astatus == 66) != bool(data["reports"]):
            self.problems.append(f"analyzer exit status {astatus} with {len(data['reports'])} "
                                 "reports (want 66 exactly when there are reports)")
        return data, status, out, err

    def run_subcommand(self, exp):
        """`ccsp-analyze run --format=json --output=FILE -- PROG ARGS`: the one-step path."""
        report = os.path.join(self.a.work, "report.json")
        cmd = [self.a.analyzer, "run", "--format=json", f"--output={report}", "--",
               self.a.exe] + exp.args
        status, out, err, timed_out = self.program(exp, cmd, self.env(exp))
        if timed_out:
            return None, status, out, err
        data = self.load_report(report)
        if data is None:
            return None, status, out, err
        if data["reports"]:
            if status != 66:
                self.problems.append(f"`ccsp-analyze run` exited {status} with reports "
                                     "(want 66)")
            status = _program_status_from(data)  # None when the report does not say
        return data, status, out, err

    def tsan(self, exp):
        """TSan misses a race now and then (about 1 run in 40 on these cases, on a loaded
        machine): run up to 3 times while an expected race is missing, merge the reports."""
        reports = []
        for _ in range(3):
            status, out, err, timed_out = self.program(
                exp, [self.a.exe] + exp.args, self.env(exp))
            seen = {verdict.describe(r) for r in reports}
            reports += [r for r in tsan_reports.parse(err) if verdict.describe(r) not in seen]
            found = {verdict.race_pair(r, self.a.source) for r in reports}
            if timed_out or all(p in found for p in exp.races):
                break
        if reports and status == 66:
            status = None  # TSan replaced the program's own status
        return {"reports": reports}, status, out, err


def _program_status_from(data):
    for section in ("trace", "summary", "program"):
        sec = data.get(section)
        if isinstance(sec, dict):
            for key in ("exit_status", "exit_code", "status"):
                if isinstance(sec.get(key), int):
                    return sec[key]
    return None


def run_case(a):
    results.mark_started(a.results, a.name)
    try:
        return _run_case(a)
    except Exception:  # a harness bug must still leave a result naming the case
        import traceback
        return results.finish(a.results, a.name, "fail",
                              ["internal error in the harness:\n" + traceback.format_exc()], [])


def _run_case(a):
    name = a.name
    if not os.access(a.exe, os.X_OK):
        return results.finish(a.results, name, "fail",
                              [f"{a.exe} does not exist: the case was not built "
                               "(build errors above, or a target left out of 'all')"], [])
    if a.backend == "ccsp" and not shutil.which(a.analyzer):
        return results.finish(a.results, name, "fail", [f"analyzer {a.analyzer} not found"], [])
    try:
        with open(a.source, encoding="utf-8") as f:
            exp = expectations.parse(f.read())
    except (OSError, expectations.ExpectationError) as e:
        return results.finish(a.results, name, "fail", [f"{a.source}: {e}"], [])
    if a.backend == "tsan":
        why = ("uses the ccsp API (its internal locks are visible to TSan)" if exp.uses_ccsp_api
               else "expects all-asleep (TSan has no watchdog)" if exp.all_asleep
               else "expects a leak report" if exp.leaks
               else f"TSAN-DIFFERS: {exp.tsan_differs}" if exp.tsan_differs else None)
        if why:
            return results.finish(a.results, name, "skipped", [f"not checked under TSan: {why}"],
                                  [])
    os.makedirs(a.work, exist_ok=True)
    for stale in glob.glob(os.path.join(a.work, "*.bin")) + [os.path.join(a.work, "report.json")]:
        if os.path.exists(stale):
            os.unlink(stale)  # a trace or report left by an earlier run must not be checked
    case = Case(a)
    if a.backend == "tsan":
        data, status, out, err = case.tsan(exp)
    elif a.via == "run":
        data, status, out, err = case.run_subcommand(exp)
    else:
        data, status, out, err = case.record_then_analyze(exp)
    if not case.problems:
        if data is not None:
            case.problems += verdict.check_reports(exp, data["reports"], a.source)
            if data["reports"]:
                case.log.append("reports:\n" + "\n".join(
                    "  - " + verdict.describe(r) for r in data["reports"]))
        case.problems += verdict.check_run(exp, status, out, err)
    # Under TSan the kinds ccsp's analyzer lacks are not pending: TSan reports deadlocks.
    pending = exp.pending + (exp.pending_kinds if a.backend == "ccsp" else [])
    if pending:
        note = ([] if case.problems else
                ["note: every expectation is met now; remove the EXPECT-PENDING marker or the "
                 "kind from PENDING_KINDS in tests/e2e/harness/expectations.py"])
        return results.finish(a.results, name, "pending", pending + note + case.problems,
                              case.log)
    if case.problems:
        return results.finish(a.results, name, "fail", case.problems, case.log)
    for t in glob.glob(os.path.join(a.work, "*.bin")):
        os.unlink(t)  # traces of passing cases are not kept
    return results.finish(a.results, name, "pass", [], [])


def lint(paths):
    bad = 0
    for p in paths:
        try:
            with open(p, encoding="utf-8") as f:
                expectations.parse(f.read())
        except (OSError, expectations.ExpectationError) as e:
            print(f"{p}: {e}")
            bad += 1
    return 1 if bad else 0


def twins(root):
    """Every positive case (one that expects a report) has a *_norace twin beside it. A
    *_natural case (a bug's program run in its natural schedule, tests/e2e/goker/) shares the
    twin of its forced sibling: x_natural.cpp pairs with x_norace.cpp."""
    missing = []
    for path in sorted(glob.glob(os.path.join(root, "*", "*.c*"))):
        stem, ext = os.path.splitext(path)
        if stem.endswith("_norace") or "/harness/" in path:
            continue
        if stem.endswith("_natural"):
            stem = stem[: -len("_natural")]
        if not os.path.exists(stem + "_norace" + ext):
            missing.append(os.path.relpath(path, root))
    for m in missing:
        print(f"{m}: no *_norace twin")
    print(f"twins: {len(missing)} positive cases without a twin")
    return 1 if missing else 0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("case", help="run and check one case")
    c.add_argument("--name", required=True)
    c.add_argument("--source", required=True)
    c.add_argument("--exe", required=True)
    c.add_argument("--work", required=True, help="scratch dir for trace, report, outputs")
    c.add_argument("--results", required=True, help="dir collecting every case's result")
    c.add_argument("--analyzer", default="ccsp-analyze")
    c.add_argument("--backend", choices=("ccsp", "tsan"), default="ccsp")
    c.add_argument("--via", choices=("record", "run"), default="record")
    c.add_argument("--timeout", type=float, default=10.0, help="program timeout, seconds")
    c.add_argument("--analyzer-timeout", type=float, default=30.0)
    r = sub.add_parser("reset", help="clear the results dir (ctest fixture setup)")
    r.add_argument("--results", required=True)
    s = sub.add_parser("summary", help="print 'e2e: N passed, N failed, N pending'")
    s.add_argument("--results", required=True)
    s.add_argument("--label", default="e2e")
    l_ = sub.add_parser("lint", help="check the EXPECT lines of source files")
    l_.add_argument("paths", nargs="+")
    t = sub.add_parser("twins", help="check that every positive case has a *_norace twin")
    t.add_argument("root")
    a = ap.parse_args(argv)
    if a.cmd == "case":
        return {"pass": PASS, "fail": FAIL}.get(run_case(a), SKIP)
    if a.cmd == "reset":
        return results.reset(a.results)
    if a.cmd == "summary":
        return results.summary(a.results, a.label)
    if a.cmd == "twins":
        return twins(a.root)
    return lint(a.paths)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
