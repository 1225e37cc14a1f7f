# The results dir shared by all cases of one ctest run: each case writes <name>.started when
# it begins and <name>.json when it ends; the summary (a ctest fixture cleanup test, so it runs
# after every case) counts them. A .started without .json is a case that was killed.
import glob
import json
import os
import shutil

_ORDER = ("pass", "fail", "pending", "skipped")


def _safe(name):
    return "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)


def mark_started(results_dir, name):
    os.makedirs(results_dir, exist_ok=True)
    with open(os.path.join(results_dir, _safe(name) + ".started"), "w", encoding="utf-8") as f:
        f.write(name + "\n")


def finish(results_dir, name, status, problems, log):
    """Prints the verdict (and, for a failure, what to look at), records it, returns status."""
    if status == "pass":
        print(f"PASS: {name}")
    elif status == "fail":
        print(f"FAIL: {name}")
        for p in problems:
            print(f"  - {p}")
        for entry in log:
            print(entry)
    elif status == "pending":
        print(f"PENDING: {name}: {problems[0]}")
        for p in problems[1:]:
            print(f"  - {p}")
        for entry in log:
            print(entry)
    else:
        print(f"SKIPPED: {name}: {problems[0]}")
    with open(os.path.join(results_dir, _safe(name) + ".json"), "w", encoding="utf-8") as f:
        json.dump({"name": name, "status": status, "problems": problems}, f, indent=1)
    return status


def reset(results_dir):
    shutil.rmtree(results_dir, ignore_errors=True)
    os.makedirs(results_dir, exist_ok=True)
    print(f"e2e: results in {results_dir}")
    return 0


def summary(results_dir, label):
    counts = dict.fromkeys(_ORDER, 0)
    by_status = {s: [] for s in _ORDER}
    for started in sorted(glob.glob(os.path.join(results_dir, "*.started"))):
        base = started[: -len(".started")]
        with open(started, encoding="utf-8") as f:
            name = f.read().strip()
        try:
            with open(base + ".json", encoding="utf-8") as f:
                res = json.load(f)
        except (OSError, ValueError):
            res = {"name": name, "status": "fail",
                   "problems": ["no result: the harness was killed (ctest timeout?)"]}
        status = res.get("status", "fail")
        counts[status] = counts.get(status, 0) + 1
        by_status.setdefault(status, []).append(res)
    for res in by_status["fail"]:
        first = (res.get("problems") or ["?"])[0]
        print(f"FAIL: {res['name']}: {first}")
    for res in by_status["pending"]:
        print(f"PENDING: {res['name']}: {(res.get('problems') or ['?'])[0]}")
    line = (f"{label}: {counts['pass']} passed, {counts['fail']} failed, "
            f"{counts['pending']} pending")
    if counts["skipped"]:
        line += f", {counts['skipped']} skipped"
    print(line)
    return 1 if counts["fail"] else 0
