// Stack printing and panics. Stacks come from the shadow stack: frame i's function is
// frames[i].fn and its current line is the call site stored in frame i+1 (or the event's own
// site for the innermost frame).
#include "report.h"

#include <unistd.h>

#include "init.h"
#include "meta_stream.h"
#include "record.h"

namespace ccsp::rt {
namespace {

void AppendLocation(Buf& b, const ccsp_site_entry* s) {
  b.Ch('\t');
  if (!s || !s->file || !*s->file) {
    b.Str("?\n");
    return;
  }
  b.Str(s->file);
  if (s->line) {
    b.Ch(':').Dec(s->line);
    if (s->column) b.Ch(':').Dec(s->column);
  }
  b.Ch('\n');
}

void AppendName(Buf& b, uint32_t fn) {
  const ccsp_site_entry* f = meta::LookupSite(fn);
  b.Str("  ").Str(f && f->function && *f->function ? f->function : "?").Ch('\n');
}

// One frame: the inlined chain of `loc` (innermost first), then the frame's own function.
void AppendFrame(Buf& b, uint32_t fn, uint32_t loc) {
  for (int guard = 0; loc && guard < 64; ++guard) {
    const ccsp_site_entry* s = meta::LookupSite(loc);
    uint32_t outer = meta::InlinedAt(loc);
    if (!s) break;
    if (!outer) {
      // The frame's own position: name from the function site when there is one.
      if (fn) AppendName(b, fn);
      else b.Str("  ").Str(s->function && *s->function ? s->function : "?").Ch('\n');
      AppendLocation(b, s);
      return;
    }
    b.Str("  ").Str(s->function && *s->function ? s->function : "?").Ch('\n');
    AppendLocation(b, s);
    loc = outer;
  }
  AppendName(b, fn);
  AppendLocation(b, nullptr);
}

}  // namespace

void AppendStack(Buf& b, const TaskState& t, uint32_t top_site) {
  uint32_t depth = t.depth < kMaxFrames ? t.depth : kMaxFrames;
  if (depth == 0) {
    if (top_site) AppendFrame(b, 0, top_site);
    else b.Str("  ?\n\t?\n");
    return;
  }
  for (uint32_t i = depth; i-- > 0;) {
    uint32_t loc = (i + 1 == depth) ? top_site : t.frames[i + 1].callsite;
    AppendFrame(b, t.frames[i].fn, loc);
  }
  if (t.depth > depth) b.Str("  ...additional frames elided...\n");
}

void Panic(uint32_t misuse_kind, const char* message) {
  TaskState& t = Cur();
  uint32_t site = TakeCallsite();
  if (EnsureTask(t) && !(t.suppress & kSuppressStopped)) {
    RecordSync(t, SyncKind::kMisuse, nullptr, misuse_kind, 0, site);
    meta::Panic(t.id, message ? message : "");
  }
  static char data[1 << 16];  // the process is about to end; one panic prints at a time
  Buf b(data, sizeof data);
  b.Str("panic: ").Str(message ? message : "").Str("\n\ntask ").Dec(t.id).Str(" [running]:\n");
  AppendStack(b, t, site);
  WriteStderr(b.data(), b.size());
  FinishTrace(2);
  _exit(2);
}

}  // namespace ccsp::rt
