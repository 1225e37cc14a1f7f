#!/usr/bin/env python3
# Unit tests of the e2e harness itself (stdlib unittest): the EXPECT parser, the report
# matching, the TSan report reader and the results summary. Run by ctest as e2e.harness.selftest.
import io
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import expectations  # noqa: E402
import results  # noqa: E402
import tsan_reports  # noqa: E402
import verdict  # noqa: E402

SRC = "/src/tests/e2e/memory/case.cpp"


def frame(line, file="tests/e2e/memory/case.cpp", fn="f"):
    return {"function": fn, "file": file, "line": line, "column": 3}


def race(a, b, file_b="tests/e2e/memory/case.cpp"):
    return {"kind": "data-race", "count": 1, "accesses": [
        {"op": "write", "atomic": False, "size": 4, "task": 2, "stack": [frame(a), frame(99)]},
        {"op": "read", "atomic": False, "size": 4, "task": 1, "stack": [frame(b, file_b)]}]}


class ParseTest(unittest.TestCase):
    def test_all_keywords(self):
        exp = expectations.parse(
            "// EXPECT: race 12 10\n// EXPECT: race 3 3\n// EXPECT: misuse send-on-closed 7\n"
            "// EXPECT: exit 3\n// EXPECT: stdout hello world\n// EXPECT: args a 'b c'\n"
            "// EXPECT: env NAME=x=y\n#include <ccsp/ccsp.hpp>\n")
        self.assertEqual(exp.races, [(10, 12), (3, 3)])
        self.assertEqual(exp.misuse, [("send-on-closed", 7)])
        self.assertEqual(exp.exit, 3)
        self.assertEqual(exp.stdout, ["hello world"])
        self.assertEqual(exp.args, ["a", "b c"])
        self.assertEqual(exp.env, {"NAME": "x=y"})
        self.assertTrue(exp.uses_ccsp_api)
        self.assertEqual(exp.pending + exp.pending_kinds, [])

    def test_defaults_for_exit(self):
        self.assertEqual(expectations.parse("// EXPECT: no-race").expected_exit(), 0)
        self.assertEqual(expectations.parse("// EXPECT: all-asleep").expected_exit(), 2)
        self.assertEqual(expectations.parse("// EXPECT: misuse panic").expected_exit(), "any")

    def test_pending_kinds_and_markers(self):
        exp = expectations.parse("// EXPECT: leak 5\n// EXPECT: deadlock 3 4\n")
        self.assertEqual(exp.pending_kinds, [])  # both kinds are reported now
        self.assertEqual(exp.leaks, [5])
        self.assertEqual(exp.deadlocks, [[3, 4]])
        exp = expectations.parse("// EXPECT-PENDING: race 1 2 -- select edges not recorded\n")
        self.assertEqual(exp.races, [(1, 2)])
        self.assertIn("select edges not recorded (line 1)", exp.pending)

    def test_errors(self):
        bad = ["int x;", "// EXPECT: rce 1 2", "// EXPECT: race 1", "// EXPECT: race a b",
               "// EXPECT: misuse oops", "// EXPECT: env 1X=2", "// EXPECT: exit -1",
               "// EXPECT-PENDING: race 1 2", "// EXPECT: nothing\n// EXPECT: race 1 2",
               "// EXPECT: no-race\n// EXPECT: race 1 2", "// EXPECT: no-race please"]
        for text in bad:
            with self.subTest(text=text), self.assertRaises(expectations.ExpectationError):
                expectations.parse(text)


class ReportTest(unittest.TestCase):
    def check(self, text, reports):
        return verdict.check_reports(expectations.parse(text), reports, SRC)

    def test_race_pairs_are_order_free(self):
        self.assertEqual(self.check("// EXPECT: race 12 10", [race(10, 12)]), [])
        self.assertEqual(self.check("// EXPECT: race 10 12", [race(12, 10), race(10, 12)]), [])

    def test_missing_and_unexpected_races(self):
        probs = self.check("// EXPECT: race 10 12", [race(10, 13)])
        self.assertTrue(any("missing race between lines 10 and 12" in p for p in probs))
        self.assertTrue(any("unexpected race" in p and "case.cpp:13" in p for p in probs))
        self.assertTrue(self.check("// EXPECT: no-race", [race(1, 2)]))

    def test_frame_in_another_file_does_not_match(self):
        self.assertTrue(self.check("// EXPECT: race 10 12", [race(10, 12, "/usr/include/x.h")]))

    def test_same_file(self):
        self.assertTrue(verdict.same_file("/src/tests/e2e/memory/case.cpp", SRC))
        self.assertTrue(verdict.same_file("memory/case.cpp", SRC))
        self.assertTrue(verdict.same_file("./memory/case.cpp", SRC))
        self.assertFalse(verdict.same_file("other/case.cpp", SRC))
        self.assertFalse(verdict.same_file("ase.cpp", SRC))

    def test_misuse(self):
        rep = {"kind": "misuse", "message": "send on closed channel", "stack": [frame(7)]}
        self.assertEqual(self.check("// EXPECT: misuse send-on-closed 7", [rep]), [])
        self.assertTrue(self.check("// EXPECT: misuse send-on-closed 8", [rep]))
        self.assertTrue(self.check("// EXPECT: misuse close-closed", [rep]))
        self.assertTrue(self.check("// EXPECT: no-race", [rep]))
        rep2 = {"kind": "misuse", "misuse": "negative_waitgroup"}
        self.assertEqual(self.check("// EXPECT: misuse negative-waitgroup", [rep2]), [])

    def test_other_kinds(self):
        dl = {"kind": "deadlock", "tasks": [{"stack": [frame(5)]}, {"stack": [frame(9)]}]}
        self.assertEqual(self.check("// EXPECT: deadlock 5 9", [dl]), [])
        self.assertTrue(self.check("// EXPECT: deadlock 5 8", [dl]))
        self.assertTrue(self.check("// EXPECT: nothing", [dl]))
        asleep = {"kind": "all-asleep", "tasks": []}
        self.assertEqual(self.check("// EXPECT: all-asleep", [asleep, dl]), [])
        self.assertTrue(self.check("// EXPECT: no-race", [asleep]))
        leak = {"kind": "leak", "tasks": [{"stack": [frame(13)]}]}
        self.assertEqual(self.check("// EXPECT: leak 13", [leak]), [])
        self.assertTrue(self.check("// EXPECT: leak 14", [leak]))
        self.assertTrue(self.check("// EXPECT: no-race", [{"kind": "mystery"}]))

    def test_qualified_deadlocks(self):
        def wait(line):
            return {"task": 2, "op": "sync.Mutex lock", "stack": [frame(100, "/usr/include/m.h"),
                                                                   frame(line), frame(40)]}
        actual = {"kind": "deadlock", "cycle": [wait(17), wait(22)], "tasks": []}
        lock_order = {"kind": "potential-deadlock", "edges": [
            {"acquire_stack": [frame(16)], "held_stack": [frame(15)]},
            {"acquire_stack": [frame(22)], "held_stack": [frame(21)]}]}
        self.assertEqual(self.check("// EXPECT: deadlock actual 17 22", [actual]), [])
        self.assertEqual(self.check("// EXPECT: deadlock 17 22", [actual]), [])
        self.assertEqual(self.check("// EXPECT: deadlock 16 22", [lock_order]), [])
        # Blocking lines are exact (the innermost frame of each task in this file)...
        self.assertTrue(self.check("// EXPECT: deadlock actual 17", [actual]))
        self.assertTrue(self.check("// EXPECT: deadlock actual 17 22 40", [actual]))
        # ...and the kinds are told apart.
        self.assertTrue(self.check("// EXPECT: deadlock actual 16 22", [lock_order]))
        self.assertTrue(self.check("// EXPECT: deadlock predicted 17 22", [actual]))
        self.assertEqual(self.check("// EXPECT: deadlock predicted 16 22", [lock_order]), [])
        probs = self.check("// EXPECT: deadlock actual 17 22", [actual, lock_order])
        self.assertTrue(any("unexpected potential deadlock" in p for p in probs))
        probs = self.check("// EXPECT: deadlock predicted 16 22", [lock_order, actual])
        self.assertTrue(any("unexpected actual deadlock" in p for p in probs))
        other = {"kind": "deadlock", "cycle": [wait(30)]}
        probs = self.check("// EXPECT: deadlock actual 17 22", [actual, other])
        self.assertTrue(any("unexpected actual deadlock" in p and "30" in p for p in probs))
        # all-asleep with qualified lines is strict too; leaks stay allowed under all-asleep.
        asleep = {"kind": "all-asleep", "tasks": []}
        leak = {"kind": "leak", "stack": [frame(25)]}
        text = "// EXPECT: all-asleep\n// EXPECT: deadlock actual 17 22"
        self.assertEqual(self.check(text, [asleep, actual, leak]), [])
        self.assertTrue(self.check(text, [asleep, actual, lock_order]))
        with self.assertRaises(expectations.ExpectationError):
            expectations.parse("// EXPECT: deadlock actual")

    def test_all_asleep_lines(self):
        asleep = {"kind": "all-asleep", "tasks": [
            {"op": "chan-receive", "stack": [frame(7, "/x/ccsp/chan.hpp"), frame(42), frame(48)]},
            {"op": "cond-wait", "stack": [frame(22), frame(39)]}]}
        self.assertEqual(self.check("// EXPECT: all-asleep 22 42", [asleep]), [])
        self.assertEqual(self.check("// EXPECT: all-asleep", [asleep]), [])
        probs = self.check("// EXPECT: all-asleep 22", [asleep])
        self.assertTrue(any("blocked at: 22 42" in p for p in probs))
        self.assertTrue(self.check("// EXPECT: all-asleep 22 42", []))
        self.assertEqual(expectations.parse("// EXPECT: all-asleep 3 4").expected_exit(), 2)

    def test_run_checks(self):
        exp = expectations.parse("// EXPECT: all-asleep\n// EXPECT: stdout hi")
        msg = verdict.ALL_ASLEEP_MESSAGE
        self.assertEqual(verdict.check_run(exp, 2, "hi there", msg + "\n"), [])
        self.assertEqual(len(verdict.check_run(exp, 0, "", "")), 3)
        exp = expectations.parse("// EXPECT: exit nonzero")
        self.assertEqual(verdict.check_run(exp, 134, "", ""), [])
        self.assertTrue(verdict.check_run(exp, 0, "", ""))
        self.assertEqual(verdict.check_run(exp, None, "", ""), [])


TSAN_OUTPUT = """\
==================
WARNING: ThreadSanitizer: data race (pid=3724)
  Write of size 8 at 0x5640414ffb90 by thread T1:
    #0 __tsan_memcpy <null> (x+0x5eb6e) (BuildId: 34)
    #1 main::$_0::operator()() const /src/tests/e2e/memory/case.cpp:14:23 (x+0xe7a3d)
    #2 void std::__invoke_impl<void, main::$_0>(std::__invoke_other, main::$_0&&) /usr/include/c++/12/bits/invoke.h:61:14 (x+0xe7a3d)

  Previous atomic read of size 8 at 0x5640414ffb90 by main thread:
    #0 main /src/tests/e2e/memory/case.cpp:15:3 (x+0xe7917) (BuildId: 34)

  Location is global 'buf' of size 128 at 0x5640414ffb70 (x+0x1514b90)

  Thread T1 (tid=3726, running) created by main thread at:
    #0 pthread_create <null> (x+0x62ef1) (BuildId: 34)
    #1 main /src/tests/e2e/memory/case.cpp:9:3 (x+0xe7917)

SUMMARY: ThreadSanitizer: data race (/tmp/x+0x5eb6e) in __tsan_memcpy
==================
WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock) (pid=1)
  Cycle in lock order graph: M0 (0x1) => M1 (0x2) => M0

  Mutex M1 acquired here while holding mutex M0 in thread T1:
    #0 pthread_mutex_lock <null> (x+0x1)
    #1 f /src/tests/e2e/memory/case.cpp:16:5 (x+0x2)
SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock) in f
==================
"""


class TsanTest(unittest.TestCase):
    def test_parse(self):
        reps = tsan_reports.parse(TSAN_OUTPUT)
        self.assertEqual([r["kind"] for r in reps], ["data-race", "potential-deadlock"])
        acc = reps[0]["accesses"]
        self.assertEqual(len(acc), 2)
        self.assertEqual((acc[0]["op"], acc[0]["task"], acc[0]["stack"][0]["line"]),
                         ("write", 1, 14))
        self.assertEqual((acc[1]["op"], acc[1]["atomic"], acc[1]["task"]), ("read", True, 0))
        self.assertEqual(len(acc[1]["stack"]), 1)  # the creation stack is not an access frame
        self.assertEqual(verdict.race_pair(reps[0], SRC), (14, 15))
        self.assertIn(16, verdict.report_lines(reps[1], SRC))


class TwinsTest(unittest.TestCase):
    def test_natural_cases_share_the_forced_twin(self):
        import ccsp_e2e
        with tempfile.TemporaryDirectory() as d, redirect_stdout(io.StringIO()):
            os.makedirs(os.path.join(d, "goker"))
            for f in ("abba_x.cpp", "abba_x_natural.cpp", "abba_x_norace.cpp"):
                open(os.path.join(d, "goker", f), "w").close()
            self.assertEqual(ccsp_e2e.twins(d), 0)
            os.unlink(os.path.join(d, "goker", "abba_x_norace.cpp"))
            self.assertEqual(ccsp_e2e.twins(d), 1)


class ResultsTest(unittest.TestCase):
    def test_summary_counts_killed_cases_as_failed(self):
        with tempfile.TemporaryDirectory() as d, redirect_stdout(io.StringIO()) as out:
            for name, status in [("a", "pass"), ("b", "pending"), ("c", "fail")]:
                results.mark_started(d, name)
                results.finish(d, name, status, ["why"], [])
            results.mark_started(d, "killed")
            self.assertEqual(results.summary(d, "e2e"), 1)
        self.assertIn("e2e: 1 passed, 2 failed, 1 pending", out.getvalue())
        self.assertIn("PENDING: b: why", out.getvalue())


if __name__ == "__main__":
    unittest.main()
