# Parses the `// EXPECT:` lines written inside an end-to-end case or sample (the contract with
# samples/, documented in tests/e2e/README.md). Pure functions over the source text; stdlib only.
# A malformed line is an error the case reports, never something silently ignored.
import dataclasses
import re
import shlex

MISUSE_KINDS = (
    "unlock-unlocked", "unlock-foreign", "double-lock", "destroy-locked",
    "negative-waitgroup", "send-on-closed", "close-closed", "close-nil", "panic",
)

# `deadlock actual ...` (a wait-for cycle: JSON kind "deadlock") and `deadlock predicted ...`
# (a lock-order cycle or a deadlock predicted from a run that avoided it: "potential-deadlock");
# a plain `deadlock ...` accepts either.
DEADLOCK_MODES = ("actual", "predicted")

# Report kinds the analyzer does not produce yet. A case expecting one of them is PENDING
# (a skipped test), with this reason. Take a kind off this table once the analyzer reports it.
PENDING_KINDS = {}

_EXPECT_RE = re.compile(r"//\s*EXPECT(-PENDING)?:\s*(.*?)\s*$")
_TSAN_RE = re.compile(r"//\s*TSAN-DIFFERS:\s*(.*?)\s*$")
_KEYWORDS = ("race", "no-race", "all-asleep", "deadlock", "leak", "misuse", "exit", "stdout",
             "stderr", "args", "env", "nothing")


class ExpectationError(Exception):
    """A malformed EXPECT line; the message names the line."""


@dataclasses.dataclass
class Expectations:
    races: list = dataclasses.field(default_factory=list)      # [(lineA, lineB)] sorted pairs
    no_race: bool = False
    all_asleep: bool = False
    all_asleep_lines: list = dataclasses.field(default_factory=list)  # where the tasks block
    deadlocks: list = dataclasses.field(default_factory=list)  # [[line, ...]] one per report
    # `deadlock actual L...`: a wait-for cycle whose tasks block at exactly these lines;
    # `deadlock predicted L...`: a potential (lock-order / predicted) deadlock naming them.
    actual_deadlocks: list = dataclasses.field(default_factory=list)     # [[line, ...]]
    predicted_deadlocks: list = dataclasses.field(default_factory=list)  # [[line, ...]]
    leaks: list = dataclasses.field(default_factory=list)      # [line or None]
    misuse: list = dataclasses.field(default_factory=list)     # [(kind, line or None)]
    exit: object = None            # int, "nonzero", "any", or None (= default, see below)
    stdout: list = dataclasses.field(default_factory=list)
    stderr: list = dataclasses.field(default_factory=list)
    args: list = dataclasses.field(default_factory=list)
    env: dict = dataclasses.field(default_factory=dict)
    nothing: bool = False
    pending: list = dataclasses.field(default_factory=list)    # EXPECT-PENDING reasons
    pending_kinds: list = dataclasses.field(default_factory=list)  # from PENDING_KINDS
    tsan_differs: str = ""         # why TSan cannot be the oracle for this case
    uses_ccsp_api: bool = False    # includes <ccsp/ccsp.hpp>

    def expects_reports(self):
        return bool(self.races or self.deadlocks or self.actual_deadlocks or
                    self.predicted_deadlocks or self.leaks or self.misuse)

    def expected_exit(self):
        """The program's own exit status: as written, else 2 for all-asleep (Go's status for
        fatal errors), any for misuse (a panic stops the program its own way), else 0."""
        if self.exit is not None:
            return self.exit
        if self.all_asleep:
            return 2
        if self.misuse:
            return "any"
        return 0


def _int_line(tok, lineno):
    if not tok.isdigit() or int(tok) == 0:
        raise ExpectationError(f"line {lineno}: expected a line number, got '{tok}'")
    return int(tok)


def _apply(exp, keyword, rest, lineno, pending_reason):
    words = rest.split()
    if keyword == "race":
        if len(words) != 2:
            raise ExpectationError(f"line {lineno}: 'race' takes two line numbers")
        pair = tuple(sorted(_int_line(w, lineno) for w in words))
        exp.races.append(pair)
    elif keyword == "all-asleep":
        exp.all_asleep = True
        exp.all_asleep_lines = [_int_line(w, lineno) for w in words]
    elif keyword in ("no-race", "nothing"):
        if words:
            raise ExpectationError(f"line {lineno}: '{keyword}' takes no arguments")
        setattr(exp, keyword.replace("-", "_"), True)
    elif keyword == "deadlock":
        mode = words[0] if words and words[0] in DEADLOCK_MODES else None
        lines = [_int_line(w, lineno) for w in (words[1:] if mode else words)]
        if mode and not lines:
            raise ExpectationError(f"line {lineno}: 'deadlock {mode}' needs the line numbers")
        {None: exp.deadlocks, "actual": exp.actual_deadlocks,
         "predicted": exp.predicted_deadlocks}[mode].append(lines)
    elif keyword == "leak":
        if len(words) > 1:
            raise ExpectationError(f"line {lineno}: 'leak' takes at most one line number")
        exp.leaks.append(_int_line(words[0], lineno) if words else None)
    elif keyword == "misuse":
        if not 1 <= len(words) <= 2 or words[0] not in MISUSE_KINDS:
            raise ExpectationError(f"line {lineno}: 'misuse' takes one of: "
                                   f"{', '.join(MISUSE_KINDS)}, then optionally a line")
        line = _int_line(words[1], lineno) if len(words) == 2 else None
        exp.misuse.append((words[0], line))
    elif keyword == "exit":
        if len(words) != 1 or not (words[0].isdigit() or words[0] in ("nonzero", "any")):
            raise ExpectationError(f"line {lineno}: 'exit' takes a status, 'nonzero' or 'any'")
        exp.exit = int(words[0]) if words[0].isdigit() else words[0]
    elif keyword in ("stdout", "stderr"):
        if not rest:
            raise ExpectationError(f"line {lineno}: '{keyword}' needs the text to look for")
        getattr(exp, keyword).append(rest)
    elif keyword == "args":
        try:
            exp.args.extend(shlex.split(rest))
        except ValueError as e:
            raise ExpectationError(f"line {lineno}: args: {e}") from None
    elif keyword == "env":
        name, eq, value = rest.partition("=")
        if not eq or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ExpectationError(f"line {lineno}: 'env' takes NAME=VALUE")
        exp.env[name] = value
    if pending_reason is None:
        pending_kind = keyword if keyword in PENDING_KINDS else None
        if pending_kind:
            exp.pending_kinds.append(f"{PENDING_KINDS[pending_kind]} (line {lineno})")
    else:
        exp.pending.append(f"{pending_reason} (line {lineno})")


def parse(text):
    """Returns the Expectations written in a source text; raises ExpectationError."""
    exp = Expectations()
    seen_any = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if re.search(r"#\s*include\s*<ccsp/ccsp\.hpp>", line):
            exp.uses_ccsp_api = True
        m = _TSAN_RE.search(line)
        if m:
            exp.tsan_differs = m.group(1) or "see the case"
            continue
        m = _EXPECT_RE.search(line)
        if not m:
            continue
        seen_any = True
        is_pending, body = m.group(1) is not None, m.group(2)
        reason = None
        if is_pending:
            body, sep, reason = body.partition(" -- ")
            reason = reason.strip()
            if not sep or not reason:
                raise ExpectationError(
                    f"line {lineno}: EXPECT-PENDING needs ' -- <reason>' after the expectation")
        keyword, _, rest = body.strip().partition(" ")
        if keyword not in _KEYWORDS:
            raise ExpectationError(
                f"line {lineno}: unknown expectation '{keyword}' (known: {', '.join(_KEYWORDS)})")
        _apply(exp, keyword, rest.strip(), lineno, reason)
    if not seen_any:
        raise ExpectationError("no '// EXPECT:' line: every case states its verdict")
    if exp.nothing and (exp.expects_reports() or exp.all_asleep):
        raise ExpectationError("'nothing' contradicts another expectation")
    if exp.no_race and exp.races:
        raise ExpectationError("'no-race' contradicts a 'race' expectation")
    return exp
