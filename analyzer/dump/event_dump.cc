// Formatting of dump lines: a consumer of the engine that prints every record in replay
// order, with the task's clock at the event (a sync or atomic: before the task's own tick).
#include "analyzer/base/hex.h"
#include "analyzer/dump/event_dump.h"

#include <cinttypes>
#include <cstdio>
#include <exception>

#include "analyzer/reading/metadata.h"
#include "analyzer/reading/names.h"
#include "analyzer/findings/symbolizer.h"
#include "analyzer/hb/engine.h"
#include "analyzer/reading/trace_file.h"

namespace ccsp::analyzer {
namespace {

using trace::Record;

class DumpConsumer final : public Consumer {
 public:
  DumpConsumer(const Engine& engine, const DumpOptions& opts, std::ostream& out)
      : engine_(engine), symbolizer_(engine.meta()), opts_(opts), out_(out) {}

  uint32_t interests() const override { return kPlain | kAtomics | kSyncs; }
  void OnAccesses(const Task& t, const AccessBatch& b) override {
    for (unsigned i = 0; i < b.n; ++i) Print(t, b.stacks[i], b.records[i]);
  }
  void OnAtomic(const Task& t, const Record& r) override { Print(t, t.stack, r); }
  void OnSync(const Task& t, const Record& r, const SyncContext&) override { Print(t, t.stack, r); }

  // One line: the event, the task's stack at it and (--vc) the task's clock at it.
  void Print(const Task& t, StackId stack, const Record& r) {
    std::string line;
    line.reserve(160);
    char head[48];
    if (r.op == trace::kOpSync || r.op == trace::kOpAtomic)
      std::snprintf(head, sizeof head, "%10" PRIu64 "  T%-4u ", r.seq, Raw(t.id));
    else
      std::snprintf(head, sizeof head, "%10s  T%-4u ", "-", Raw(t.id));
    line += head;
    uint32_t site = r.site;
    if (trace::IsAccessOp(r.op) || r.op == trace::kOpRange || r.op == trace::kOpRange + 1) {
      line += r.write ? "write " : "read  ";
      line += std::to_string(r.size) + " " + HexString(r.addr);
    } else if (trace::IsRunOp(r.op)) {  // "write 8 0x1000 x3 (run to 0x1018)": 3 accesses
      line += r.write ? "write " : "read  ";
      line += std::to_string(r.size) + " " + HexString(r.addr) + " x" + std::to_string(r.count);
      line += " (run to " + HexString(r.addr + (r.count - 1) * r.size) + ")";
    } else if (r.op == trace::kOpAtomic) {
      line += std::string("atomic ") + AtomicKindName(r.atomic_kind) + " " + MemOrderName(r.order);
      if (r.atomic_kind != trace::AtomicKind::kFence) line += " " + std::to_string(r.size) + " " + HexString(r.addr);
    } else if (r.op == trace::kOpFuncEnter) {
      line += "enter " + symbolizer_.FunctionOf(r.fn);
      site = r.callsite;
    } else if (r.op == trace::kOpFuncExit) {
      line += "exit";
    } else if (r.op == trace::kOpSampleFrame) {  // its stack is the Sample's, below
      line += "sample-frame " + (r.fn ? symbolizer_.FunctionOf(r.fn) : std::string("(frames left out)"));
      site = r.callsite;
    } else if (r.op == trace::kOpSample) {  // stacks[i]: the sampled stack
      line += "cpu-sample count=" + std::to_string(r.count) + " cpu_ns=" + std::to_string(r.arg1) +
              " ts=" + std::to_string(r.ts);
      site = 0;
    } else if (r.op == trace::kOpSync) {
      const char* name = SyncKindName(static_cast<uint32_t>(r.sync_kind));
      line += name ? name : "Sync#" + std::to_string(static_cast<uint32_t>(r.sync_kind));
      line += " obj=" + HexString(r.addr) + " arg1=" + std::to_string(r.arg1) +
              " arg2=" + std::to_string(r.arg2) + " ts=" + std::to_string(r.ts);
    } else {
      line += "pad";
    }
    if (r.op != trace::kOpFuncExit && r.op != trace::kOpPad) {
      line += "  at ";
      if (opts_.stacks) {
        Stack s = symbolizer_.Expand(engine_.trie(), stack, SiteId(site));
        for (size_t i = 0; i < s.size(); ++i) {
          if (i) line += " <- ";
          line += s[i].function.empty() ? "??" : s[i].function;
          if (!s[i].file.empty()) line += " " + s[i].file + ":" + std::to_string(s[i].line);
        }
        if (s.empty()) line += "?";
      } else if (r.op == trace::kOpSample) {  // no site: the innermost sampled function
        line += stack == kEmptyStack ? std::string("?") : symbolizer_.FunctionOf(engine_.trie().node(stack).fn);
      } else {
        line += symbolizer_.SiteString(site);
      }
    }
    if (opts_.vector_clocks) line += "  vc=" + t.clock.ToString(engine_.task_ids());
    line += '\n';
    out_ << line;
    ++events_;
  }
  uint64_t events() const { return events_; }

 private:
  const Engine& engine_;
  Symbolizer symbolizer_;
  const DumpOptions& opts_;
  std::ostream& out_;
  uint64_t events_ = 0;
};

Result<DumpSummary> DumpImpl(const std::string& path, const DumpOptions& opts, std::ostream& out);

}  // namespace

Result<DumpSummary> DumpTrace(const std::string& path, const DumpOptions& opts, std::ostream& out) {
  try {
    return DumpImpl(path, opts, out);
  } catch (const std::exception& e) {
    return Error{path + ": dump failed: " + e.what()};
  }
}

namespace {

Result<DumpSummary> DumpImpl(const std::string& path, const DumpOptions& opts, std::ostream& out) {
  Diagnostics diag;
  auto opened = TraceFile::Open(path, diag);
  if (!opened) return opened.error();
  TraceFile& file = *opened.value();
  Metadata meta = Metadata::Load(file, diag);
  const trace::FileHeader& h = file.header();
  out << "# trace " << file.name() << ": format " << h.version << ", program " << h.program
      << ", pid " << h.pid << ", " << (file.complete() ? "complete" : "incomplete");
  if (file.complete()) out << ", exit status " << h.exit_status;
  out << ", " << file.tasks().size() << " task stream(s), " << meta.sites.size() << " site(s)\n";
  out << "#       seq  task  event\n";
  Engine engine(file, meta, diag);
  DumpConsumer dump(engine, opts, out);
  engine.Add(&dump);
  engine.Run();
  if (engine.failed()) diag.Warn(engine.error());
  DumpSummary s;
  s.events = dump.events();
  s.warnings = diag.All();
  return s;
}

}  // namespace

}  // namespace ccsp::analyzer
