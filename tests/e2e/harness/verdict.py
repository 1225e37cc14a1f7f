# Checks one run of a case against its Expectations: the reports (analyzer JSON, or TSan's
# reports converted to the same shape) and the program's status and output. Returns a list of
# problems, each one line a person can act on; an empty list is a pass. No I/O here.
import os
import re

ALL_ASLEEP_MESSAGE = "fatal error: all tasks are asleep - deadlock!"

_MISUSE_WORDS = {  # letters-only spellings a report may use for each misuse kind
    "unlock-unlocked": ["unlockunlocked", "unlockofunlocked", "unlockofanunlocked"],
    "unlock-foreign": ["unlockforeign", "unlockofforeign", "unlockofaforeign", "foreignunlock",
                       "notowner", "nonowner", "heldbyanother", "ownedbyanother"],
    "double-lock": ["doublelock", "relock", "recursivelock"],
    "destroy-locked": ["destroylocked", "destroyoflocked", "destroyofalocked"],
    "negative-waitgroup": ["negativewaitgroup", "negativewg", "waitgroupnegative"],
    "send-on-closed": ["sendonclosed", "sendonaclosed"],
    "close-closed": ["closeclosed", "closeofclosed", "closeofaclosed"],
    "close-nil": ["closenil", "closeofnil", "closeofanil"],
    "panic": ["panic"],
}


def norm_kind(kind):
    return str(kind).strip().lower().replace("_", "-").replace(" ", "-")


def _letters(s):
    return re.sub(r"[^a-z]", "", str(s).lower())


def same_file(frame_file, source):
    """File names in reports are as the compiler saw them: absolute, or relative to the
    directory it ran in. Accept an exact match or a path-suffix match on whole components."""
    if not frame_file:
        return False
    a = os.path.normpath(str(frame_file))
    b = os.path.normpath(source)
    if os.path.isabs(a) and os.path.realpath(a) == os.path.realpath(b):
        return True
    return b.endswith(os.sep + a.lstrip("./")) or a.endswith(os.sep + b.lstrip("./")) or a == b


def _walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def report_lines(report, source):
    """Every line of `source` named by any frame anywhere in the report."""
    return {f.get("line") for f in _walk(report)
            if isinstance(f.get("line"), int) and same_file(f.get("file"), source)}


def _frame0(access):
    stack = access.get("stack") or []
    return stack[0] if stack and isinstance(stack[0], dict) else {}


def race_pair(report, source):
    """(lineA, lineB) sorted, None for a frame #0 outside `source`."""
    lines = []
    for acc in (report.get("accesses") or [])[:2]:
        f = _frame0(acc)
        lines.append(f.get("line") if same_file(f.get("file"), source) else None)
    while len(lines) < 2:
        lines.append(None)
    return tuple(sorted(lines, key=lambda x: (x is None, x or 0)))


def describe(report):
    """One line naming a report's kind and first frames, for failure messages."""
    kind = norm_kind(report.get("kind", "?"))
    parts = []
    for acc in (report.get("accesses") or [])[:2]:
        f = _frame0(acc)
        op = ("atomic " if acc.get("atomic") else "") + str(acc.get("op", "?"))
        parts.append(f"{op} {acc.get('size', '?')}B by task {acc.get('task', '?')} at "
                     f"{os.path.basename(str(f.get('file', '?')))}:{f.get('line', '?')}")
    if not parts:
        for k in ("message", "title", "misuse", "description"):
            if isinstance(report.get(k), str):
                parts.append(report[k])
                break
        frames = [f for f in _walk(report) if "line" in f and "file" in f][:2]
        parts += [f"{os.path.basename(str(f['file']))}:{f['line']}" for f in frames]
    return f"{kind}: " + "; ".join(parts)


def misuse_matches(report, kind):
    if norm_kind(report.get("kind", "")) == kind:
        return True
    text = " ".join(_letters(s) for s in _strings(report))
    return any(w in text for w in _MISUSE_WORDS[kind])


def _is_deadlock_kind(kind):
    return ("deadlock" in kind or "lock-order" in kind) and kind != "all-asleep"


def is_actual_deadlock(report):
    """A wait-for cycle of tasks blocked forever (kind "deadlock"), as opposed to a potential
    one (a lock-order cycle, a deadlock predicted from a run that avoided it)."""
    return norm_kind(report.get("kind")) == "deadlock"


def _innermost_in(stack, source):
    for f in stack or []:
        if isinstance(f, dict) and isinstance(f.get("line"), int) and same_file(f.get("file"),
                                                                                  source):
            return f["line"]
    return None


def blocking_lines(report, source):
    """The lines of `source` where a report's blocked tasks block (a deadlock's `cycle`, an
    all-asleep report's `tasks`): per task, its innermost frame in `source`. None when the
    report lists no per-task stacks (then only the lines it names anywhere can be checked)."""
    for key in ("cycle", "tasks"):
        entries = [e for e in (report.get(key) or []) if isinstance(e, dict) and e.get("stack")]
        if entries:
            return {_innermost_in(e["stack"], source) for e in entries} - {None}
    return None


def _actual_matches(report, lines, source):
    got = blocking_lines(report, source)
    return set(lines) == got if got is not None else set(lines) <= report_lines(report, source)


def _check_qualified_deadlocks(exp, deadlocks, source):
    """`deadlock actual` / `deadlock predicted`: the report of that kind, and (once a case
    qualifies its deadlocks) no report of a kind or at lines it does not expect."""
    problems = []
    actual = [r for r in deadlocks if is_actual_deadlock(r)]
    potential = [r for r in deadlocks if not is_actual_deadlock(r)]
    for lines in exp.actual_deadlocks:
        if not any(_actual_matches(r, lines, source) for r in actual):
            problems.append("missing actual deadlock (wait-for cycle) whose tasks block at "
                            f"lines {' '.join(map(str, lines))}")
    for lines in exp.predicted_deadlocks:
        if not any(set(lines) <= report_lines(r, source) for r in potential):
            problems.append("missing predicted (potential) deadlock report naming lines "
                            f"{' '.join(map(str, lines))}")
    if not (exp.actual_deadlocks or exp.predicted_deadlocks) or exp.deadlocks:
        return problems  # unqualified cases keep the permissive rule in check_reports
    for r in actual:
        if not any(_actual_matches(r, lines, source) for lines in exp.actual_deadlocks):
            got = blocking_lines(r, source)
            at = f" (tasks block at lines {' '.join(map(str, sorted(got)))})" if got else ""
            problems.append(f"unexpected actual deadlock report{at}: {describe(r)}")
    for r in potential:
        if not any(set(lines) <= report_lines(r, source) for lines in exp.predicted_deadlocks):
            problems.append(f"unexpected potential deadlock report: {describe(r)}")
    return problems


def check_reports(exp, reports, source):
    problems = []
    races = [r for r in reports if norm_kind(r.get("kind")) in ("data-race", "race")]
    found = {}
    for r in races:
        found.setdefault(race_pair(r, source), []).append(r)
    for pair in sorted(set(exp.races)):
        if pair not in found:
            problems.append(f"missing race between lines {pair[0]} and {pair[1]}")
    for pair, rs in sorted(found.items(), key=lambda kv: str(kv[0])):
        if pair not in exp.races:
            problems.append(f"unexpected race: {describe(rs[0])}")

    misuses = [r for r in reports if norm_kind(r.get("kind")) == "misuse"
               or norm_kind(r.get("kind")) in _MISUSE_WORDS]
    for kind, line in exp.misuse:
        if not any(misuse_matches(r, kind) and (line is None or line in report_lines(r, source))
                   for r in misuses):
            where = f" at line {line}" if line else ""
            problems.append(f"missing misuse report '{kind}'{where}")
    for r in misuses:
        if not any(misuse_matches(r, k) for k, _ in exp.misuse):
            problems.append(f"unexpected misuse report: {describe(r)}")

    deadlocks = [r for r in reports if _is_deadlock_kind(norm_kind(r.get("kind")))]
    for lines in exp.deadlocks:
        if not any(set(lines) <= report_lines(r, source) for r in deadlocks):
            where = f" naming lines {' '.join(map(str, lines))}" if lines else ""
            problems.append(f"missing deadlock report{where}")
    problems += _check_qualified_deadlocks(exp, deadlocks, source)
    if deadlocks and not (exp.deadlocks or exp.actual_deadlocks or exp.predicted_deadlocks
                          or exp.all_asleep):
        problems.append(f"unexpected deadlock report: {describe(deadlocks[0])}")

    leaks = [r for r in reports if "leak" in norm_kind(r.get("kind"))]
    for line in exp.leaks:
        if not any(line is None or line in report_lines(r, source) for r in leaks):
            problems.append("missing leak report" + (f" at line {line}" if line else ""))
    if leaks and not (exp.leaks or exp.all_asleep or exp.misuse):
        problems.append(f"unexpected leak report: {describe(leaks[0])}")

    asleep = [r for r in reports if norm_kind(r.get("kind")) == "all-asleep"]
    if asleep and not exp.all_asleep:
        problems.append(f"unexpected all-asleep report: {describe(asleep[0])}")
    if exp.all_asleep_lines:
        want = set(exp.all_asleep_lines)
        got = [blocking_lines(r, source) for r in asleep]
        if not any(g == want for g in got):
            seen = "; ".join(" ".join(map(str, sorted(g))) for g in got if g) or "none"
            problems.append("no all-asleep report whose tasks block at exactly lines "
                            f"{' '.join(map(str, sorted(want)))} (blocked at: {seen})")

    known = set(map(id, races + misuses + deadlocks + leaks + asleep))
    for r in reports:
        if id(r) not in known:
            problems.append(f"unexpected report of kind '{r.get('kind')}': {describe(r)}")
    return problems


def check_run(exp, status, stdout, stderr):
    """status: the program's exit status (128+N for a signal), or None when unknown."""
    problems = []
    want = exp.expected_exit()
    if status is not None and want != "any":
        if want == "nonzero" and status == 0:
            problems.append("exit status 0, expected a non-zero status")
        elif want != "nonzero" and status != want:
            problems.append(f"exit status {status}, expected {want}")
    fired = ALL_ASLEEP_MESSAGE in stderr
    if exp.all_asleep and not fired:
        problems.append(f"stderr lacks '{ALL_ASLEEP_MESSAGE}' (the watchdog did not fire)")
    if fired and not exp.all_asleep:
        problems.append("the all-asleep watchdog fired unexpectedly")
    for text in exp.stdout:
        if text not in stdout:
            problems.append(f"stdout lacks '{text}'")
    for text in exp.stderr:
        if text not in stderr:
            problems.append(f"stderr lacks '{text}'")
    return problems
