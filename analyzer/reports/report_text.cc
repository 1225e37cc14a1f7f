// Text renderer. Layout follows TSan/Go so users can read it without a manual:
//   WARNING: DATA RACE / Write of size 4 at 0x.. by task 3: / #0 fn file:line:col ...
#include "analyzer/reports/report_text.h"

#include <cinttypes>
#include <cstdio>
#include <string>

#include "analyzer/reports/stack_trim.h"
#include "analyzer/reports/type_names.h"

namespace ccsp::analyzer {
namespace {

// Colours (empty without a terminal) and layout choices shared by every renderer below.
struct Palette {
  bool full_stacks = false;
  const char* red = "";
  const char* bold = "";
  const char* blue = "";
  const char* magenta = "";
  const char* green = "";
  const char* cyan = "";
  const char* reset = "";
};

Palette MakePalette(const TextOptions& o) {
  Palette p;
  p.full_stacks = o.full_stacks;
  bool color = o.color;
  if (color) {
    p.red = "\033[1m\033[31m";
    p.bold = "\033[1m";
    p.blue = "\033[1m\033[34m";
    p.magenta = "\033[1m\033[35m";
    p.green = "\033[1m\033[32m";
    p.cyan = "\033[1m\033[36m";
    p.reset = "\033[0m";
  }
  return p;
}

std::string Hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%012" PRIx64, v);
  return b;
}
std::string Hex(ObjectId o) { return Hex(Raw(o)); }

const char* kSeparator = "==================\n";

void RenderStack(const Stack& s, TrimEnd trim, const Palette& p, std::ostream& out) {
  if (s.empty()) {
    out << "  <no stack recorded>\n";
    return;
  }
  FrameRange shown = p.full_stacks ? FrameRange{0, s.size()} : VisibleFrames(s, trim);
  size_t hidden = s.size() - (shown.end - shown.begin);
  for (size_t i = shown.begin; i < shown.end; ++i) {
    const Frame& f = s[i];
    out << "  #" << i - shown.begin << " " << (f.function.empty() ? "??" : ShortTypeNames(f.function));
    if (!f.file.empty()) {
      out << " " << f.file << ":" << f.line;
      if (f.column) out << ":" << f.column;
    }
    out << "\n";
  }
  if (hidden) out << "  (" << hidden << " library frame" << (hidden == 1 ? "" : "s") << " hidden; --full-stacks shows them)\n";
}

std::string TaskName(const TaskDesc& t) {
  std::string s = "task " + ToString(t.id);
  if (!t.name.empty()) s += " '" + t.name + "'";
  return s;
}

std::string Capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

void RenderTaskCreation(const TaskDesc& t, const Palette& p, std::ostream& out) {
  if (t.created_by == TaskId::kNone && t.creation_stack.empty()) return;  // the main task
  out << p.cyan << Capitalized(TaskName(t)) << " (" << (!t.running ? "finished" : t.blocked ? "blocked" : "running")
      << ") created by task " << t.created_by;
  if (t.creation_stack.empty()) {
    out << "." << p.reset << "\n\n";
    return;
  }
  out << " at:" << p.reset << "\n";
  RenderStack(t.creation_stack, TrimEnd::kInner, p, out);
  out << "\n";
}

void RenderAccess(const AccessDesc& a, bool previous, const Palette& p, std::ostream& out) {
  std::string what = a.free ? "free" : a.write ? "write" : "read";
  if (a.atomic) what = "atomic " + what;
  if (previous) what = "previous " + what;
  out << (previous ? p.magenta : p.blue) << Capitalized(what) << " of size " << a.size << " at "
      << Hex(a.addr) << " by task " << a.task << ":" << p.reset << "\n";
  RenderStack(a.stack, TrimEnd::kOuter, p, out);
  out << "\n";
}

void RenderLocation(const Location& l, const Palette& p, std::ostream& out) {
  switch (l.kind) {
    case LocationKind::kGlobal:
      out << p.green << "Location is global '" << l.name << "' of size " << l.size << " at "
          << Hex(l.addr);
      if (!l.file.empty()) out << " (" << l.file << ":" << l.line << ")";
      out << p.reset << "\n\n";
      return;
    case LocationKind::kHeap:
      out << p.green << "Location is heap block of size " << l.size << " at " << Hex(l.addr)
          << " allocated by task " << l.task << ":" << p.reset << "\n";
      RenderStack(l.alloc_stack, TrimEnd::kOuter, p, out);
      out << "\n";
      return;
    case LocationKind::kStack:
      out << p.green << "Location is stack of task " << l.task << "." << p.reset << "\n\n";
      return;
    case LocationKind::kUnknown:
      return;
  }
}

void RenderRace(const Finding& f, const Palette& p, std::ostream& out) {
  out << p.red << "WARNING: DATA RACE" << p.reset;
  if (f.count > 1) out << " (" << f.count << " occurrences)";
  out << "\n";
  for (size_t i = 0; i < f.accesses.size(); ++i) RenderAccess(f.accesses[i], i > 0, p, out);
  RenderLocation(f.location, p, out);
  for (const TaskDesc& t : f.tasks) RenderTaskCreation(t, p, out);
}

void RenderMisuse(const Finding& f, const Palette& p, std::ostream& out) {
  out << p.red << "WARNING: MISUSE: " << f.message << p.reset;
  if (f.count > 1) out << " (" << f.count << " occurrences)";
  out << "\n";
  if (!f.misuse.empty()) out << "Kind: " << f.misuse << "\n";
  if (!f.stack.empty() || f.task != TaskId::kNone) {
    out << p.blue << "In task " << f.task;
    if (f.object != ObjectId::kNone) out << " on object " << Hex(f.object);
    out << ":" << p.reset << "\n";
    RenderStack(f.stack, TrimEnd::kOuter, p, out);
    out << "\n";
  }
  for (const TaskDesc& t : f.tasks) RenderTaskCreation(t, p, out);
}

void RenderAllAsleep(const Finding& f, const Palette& p, std::ostream& out) {
  out << p.red << "WARNING: DEADLOCK: " << f.message << p.reset << "\n";
  if (f.tasks.empty()) out << "(no blocked task was recorded)\n";
  out << "\n";
  for (const TaskDesc& t : f.tasks) {
    out << p.blue << Capitalized(TaskName(t)) << " [" << t.op;
    if (t.object != ObjectId::kNone) out << " " << Hex(t.object);
    out << "]:" << p.reset << "\n";
    RenderStack(t.stack, TrimEnd::kBoth, p, out);
    out << "\n";
    RenderTaskCreation(t, p, out);
  }
}

// Locks of a cycle are named M0, M1, ... in the order the cycle visits them.
std::string LockName(const Finding& f, ObjectId lock, bool read) {
  size_t i = 0;
  while (i < f.edges.size() && f.edges[i].held != lock) ++i;
  return std::string(read ? "read lock of " : "") + "M" + std::to_string(i) + " (" + Hex(lock) + ")";
}

void RenderDeadlock(const Finding& f, const Palette& p, std::ostream& out) {
  out << p.red << "WARNING: POTENTIAL DEADLOCK: " << f.message << p.reset;
  if (f.count > 1) out << " (" << f.count << " occurrences)";
  out << "\nCycle in lock order:";
  for (const LockEdgeDesc& e : f.edges) out << " M" << &e - f.edges.data() << " =>";
  out << " M0\n\n";
  for (const LockEdgeDesc& e : f.edges) {
    out << p.blue << "Task " << e.task << " ";
    if (!e.what.empty())
      out << e.what;
    else
      out << "acquires " << LockName(f, e.acquired, e.acquired_read) << " while holding "
          << LockName(f, e.held, e.held_read);
    out << ":" << p.reset << "\n";
    RenderStack(e.acquire_stack, TrimEnd::kBoth, p, out);
    out << "\n" << p.magenta;
    if (!e.held_what.empty())
      out << e.held_what;
    else
      out << LockName(f, e.held, false) << " was acquired by task " << e.task << " at";
    out << ":" << p.reset << "\n";
    RenderStack(e.held_stack, TrimEnd::kBoth, p, out);
    out << "\n";
  }
  for (const TaskDesc& t : f.tasks) RenderTaskCreation(t, p, out);
}

// An actual deadlock: each task of the cycle, what it waits in and for whom, what it holds.
void RenderWaitDeadlock(const Finding& f, const Palette& p, std::ostream& out) {
  out << p.red << "WARNING: DEADLOCK: " << f.message << p.reset;
  if (f.count > 1) out << " (" << f.count << " occurrences)";
  out << "\n\n";
  for (size_t i = 0; i < f.waits.size(); ++i) {
    const WaitDesc& w = f.waits[i];
    out << p.blue << "Task " << w.task << " is blocked in " << w.op;
    if (w.object != ObjectId::kNone) out << " " << Hex(w.object);
    if (!w.waits_for.empty()) {
      out << ", waiting for task";
      if (w.waits_for.size() > 1) out << "s";
      for (size_t k = 0; k < w.waits_for.size(); ++k) out << (k ? ", " : " ") << w.waits_for[k];
    }
    out << ":" << p.reset << "\n";
    RenderStack(w.stack, TrimEnd::kBoth, p, out);
    out << "\n";
    for (const HeldDesc& h : w.holding) {
      out << p.magenta << "Task " << w.task << " holds " << (h.read ? "the read lock of " : "") << Hex(h.lock)
          << ", acquired at:" << p.reset << "\n";
      RenderStack(h.stack, TrimEnd::kBoth, p, out);
      out << "\n";
    }
    if (i < f.tasks.size()) RenderTaskCreation(f.tasks[i], p, out);
  }
}

void RenderLeak(const Finding& f, const Palette& p, std::ostream& out) {
  const TaskDesc* t = f.tasks.empty() ? nullptr : &f.tasks[0];
  out << p.red << "WARNING: LEAKED TASK: " << f.message;
  if (f.object != ObjectId::kNone) out << " on " << Hex(f.object);
  out << " when the program exited" << p.reset;
  if (f.count > 1) out << " (" << f.count << " tasks leaked here)";
  out << "\n";
  if (!f.reason.empty()) out << "Nothing can wake it: " << f.reason << ".\n";
  out << p.blue << "Task " << f.task << " is blocked at:" << p.reset << "\n";
  RenderStack(f.stack, TrimEnd::kBoth, p, out);
  out << "\n";
  if (t) RenderTaskCreation(*t, p, out);
}

}  // namespace

void RenderText(const AnalysisResult& result, const TextOptions& opts, std::ostream& out) {
  Palette p = MakePalette(opts);
  for (const std::string& w : result.trace.warnings) out << "ccsp: warning: " << w << "\n";
  for (const Finding& f : result.findings) {
    if (f.suppressed && !opts.show_suppressed) continue;
    out << kSeparator;
    if (f.suppressed) out << "(suppressed by '" << f.suppressed_by << "')\n";
    switch (f.kind) {
      case FindingKind::kDataRace: RenderRace(f, p, out); break;
      case FindingKind::kMisuse: RenderMisuse(f, p, out); break;
      case FindingKind::kAllAsleep: RenderAllAsleep(f, p, out); break;
      case FindingKind::kDeadlock: RenderDeadlock(f, p, out); break;
      case FindingKind::kWaitDeadlock: RenderWaitDeadlock(f, p, out); break;
      case FindingKind::kLeak: RenderLeak(f, p, out); break;
    }
    out << kSeparator;
  }
}

void RenderTextSummary(const std::vector<AnalysisResult>& results, const TextOptions& opts,
                       std::ostream& out) {
  Palette p = MakePalette(opts);
  FindingSummary sum;
  for (const AnalysisResult& r : results) sum.Add(r.findings);
  out << p.bold << "SUMMARY: ccsp:";
  const char* sep = " ";
  for (const FindingKindInfo& k : kFindingKinds) {
    size_t n = sum.Count(k.kind);
    if (!n && !k.always_counted) continue;
    out << sep << n << " " << k.summary;
    sep = ", ";
  }
  if (sum.suppressed) out << ", " << sum.suppressed << " suppressed";
  out << p.reset << "\n";
}

}  // namespace ccsp::analyzer
