# Converts ThreadSanitizer's stderr into reports shaped like ccsp-analyze's JSON, so the same
# verdict code checks a case against TSan (the anchor: every race TSan reports on a case must
# be expected, and the *_norace twins must be clean under TSan too).
import re

_HEADER = re.compile(r"WARNING: ThreadSanitizer: (.*?)(?: \(pid=\d+\))?\s*$")
_ACCESS = re.compile(r"^\s*(Previous )?(atomic )?(write|read) of size (\d+) at \S+ by "
                     r"(main thread|thread T(\d+))", re.IGNORECASE)
_FRAME = re.compile(r"^\s*#(\d+)\s+(.*?)\s+(\S+?):(\d+)(?::(\d+))?\s+\(")
_FRAME_NOFILE = re.compile(r"^\s*#(\d+)\s+(.*?)\s+\(")

_KINDS = {  # TSan's headline -> ccsp report kind (misuse kinds as in the EXPECT syntax)
    "data race": "data-race",
    "lock-order-inversion (potential deadlock)": "potential-deadlock",
    "unlock of an unlocked mutex (or by a wrong thread)": "misuse:unlock-unlocked",
    "double lock of a mutex": "misuse:double-lock",
    "destroy of a locked mutex": "misuse:destroy-locked",
    "thread leak": "leak",
}


def _frame(m):
    return {"function": m.group(2), "file": m.group(3), "line": int(m.group(4)),
            "column": int(m.group(5) or 0)}


def _is_runtime(frame):
    """TSan's own interceptor frames (__tsan_memcpy, free, ...): no source file, or one of
    compiler-rt's. A report's frame #0 is the first frame outside them, as in ccsp's reports
    where an intercepted call is attributed to its call site."""
    file = frame.get("file") or ""
    return not file or "compiler-rt" in file or "/sanitizer_common/" in file


def _strip_runtime(stack):
    i = 0
    while i < len(stack) - 1 and _is_runtime(stack[i]):
        i += 1
    del stack[:i]


def parse(stderr):
    """Returns a list of report dicts: {"kind", "accesses": [...], "stack": [...]}."""
    reports = []
    cur = None
    target = None  # the list that the next frames go to
    for line in stderr.splitlines():
        h = _HEADER.search(line)
        if h:
            headline = h.group(1).strip()
            kind = _KINDS.get(headline, headline)
            cur = {"kind": kind, "accesses": [], "stack": [], "message": headline}
            if kind.startswith("misuse:"):
                cur["kind"], cur["misuse"] = "misuse", kind.split(":", 1)[1]
            reports.append(cur)
            target = cur["stack"]
            continue
        if cur is None:
            continue
        if line.startswith("SUMMARY: ThreadSanitizer") or line.startswith("=================="):
            cur, target = None, None
            continue
        a = _ACCESS.match(line)
        if a and cur["kind"] == "data-race":
            task = 0 if a.group(5) == "main thread" else int(a.group(6))
            acc = {"op": a.group(3).lower(), "atomic": bool(a.group(2)),
                   "size": int(a.group(4)), "task": task, "stack": []}
            cur["accesses"].append(acc)
            target = acc["stack"]
            continue
        f = _FRAME.match(line)
        if f and target is not None:
            target.append(_frame(f))
            continue
        if _FRAME_NOFILE.match(line) and target is not None:
            target.append({"function": _FRAME_NOFILE.match(line).group(2)})
            continue
        if line.strip() and not line.startswith(" " * 4):
            # A new section ("Location is ...", "Thread T1 created ...", "Mutex M0 ...") ends
            # the current stack; data-race frames after it are not access frames.
            target = cur["stack"] if cur["kind"] != "data-race" else None
    for r in reports:
        for acc in r["accesses"]:
            _strip_runtime(acc["stack"])
    return reports
