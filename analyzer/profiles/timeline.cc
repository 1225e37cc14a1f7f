// Timeline consumer (timeline.h). Slices are written when they end, arrows when their arrival
// is seen (both ends at once, the departure at its own time): the JSON is not in time order,
// which Perfetto and chrome://tracing do not need, and no arrow is ever left dangling.
#include "analyzer/profiles/timeline.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "analyzer/findings/frames.h"
#include "analyzer/findings/symbolizer.h"
#include "analyzer/profiles/profile_stacks.h"
#include "analyzer/reading/names.h"

namespace ccsp::analyzer {

using profiles::TraceArg;
using trace::BlockOp;
using trace::SyncKind;

namespace {

std::string Hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%" PRIx64, v);
  return b;
}

std::string Basename(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// "ccsp::chan<int> stage<...>(ccsp::chan<int>, F)" -> "stage": no return type, template
// arguments or parameters, so a track name stays short.
std::string ShortFunction(const std::string& name) {
  std::string out;
  int angle = 0, paren = 0;
  for (char c : name) {
    if (c == '<') ++angle;
    if (c == '(' && angle == 0) {
      if (paren == 0 && !out.empty()) break;  // the parameter list
      ++paren;
    }
    if (angle == 0 && paren == 0 && c != '>') {
      if (c == ' ') out.clear();  // a return type before the name
      else out += c;
    }
    if (c == ')' && angle == 0 && paren > 0) --paren;
    if (c == '>' && angle > 0) --angle;
  }
  return out.empty() ? name : out;
}

bool IsLockWait(uint32_t op) {
  BlockOp o = static_cast<BlockOp>(op);
  return o == BlockOp::kMutexLock || o == BlockOp::kRwRdLock || o == BlockOp::kRwWrLock ||
         o == BlockOp::kSpinLock;
}

}  // namespace

std::string TimelineConsumer::TrackName(const Task& t) const {
  std::string name = "task " + std::to_string(Raw(t.id));
  std::string thread = engine_->meta().TaskName(Raw(t.id));
  if (!thread.empty()) name += " \"" + thread + "\"";
  if (Raw(t.id) == 1 && !t.has_creation) return name + " main";
  if (!t.has_creation) return name;
  Symbolizer sym(engine_->meta());
  Stack created = sym.Expand(engine_->trie(), t.create_stack, t.create_site);
  const analyzer::Frame* f = InnermostUserFrame(created);
  if (!f && !created.empty()) f = &created.front();
  if (!f) return name;
  name += " " + ShortFunction(f->function);
  if (!f->file.empty()) name += " " + Basename(f->file) + ":" + std::to_string(f->line);
  return name;
}

// Where a task blocked, as a person would look for it: the innermost frame of its own code
// (not the ccsp or std:: header the wait happens in), "file:line".
const std::string& TimelineConsumer::WhereName(StackId stack, uint32_t site) {
  uint64_t key = uint64_t{Raw(stack)} << 32 | site;
  auto it = where_.find(key);
  if (it != where_.end()) return it->second;
  Symbolizer sym(engine_->meta());
  Stack s = sym.Expand(engine_->trie(), stack, SiteId(site));
  const analyzer::Frame* f = InnermostUserFrame(s);
  if (!f && !s.empty()) f = &s.front();
  std::string w = f && !f->file.empty() ? Basename(f->file) + ":" + std::to_string(f->line) : std::string();
  if (f) w += (w.empty() ? "" : " ") + ShortFunction(f->function);
  return where_.emplace(key, std::move(w)).first->second;
}

std::string TimelineConsumer::ObjectName(uint64_t obj) const {
  if (obj == 0) return {};
  if (const GlobalInfo* g = engine_->meta().GlobalAt(obj)) {
    std::string name = engine_->meta().String(g->name);
    if (!name.empty()) return obj == g->addr ? name : name + "+" + std::to_string(obj - g->addr);
  }
  return Hex(obj);
}

TimelineConsumer::Track& TimelineConsumer::TrackOf(const Task& t) {
  if (t.index >= tracks_.size()) tracks_.resize(t.index + 1);
  Track& k = tracks_[t.index];
  if (!k.named && !t.internal) {
    k.named = true;
    out_.NameTrack(profiles::TrackId{t.index}, TrackName(t), Raw(t.id));
    ++summary_.tracks;
  }
  return k;
}

void TimelineConsumer::Slice(TaskIndex track, const std::string& name, std::string_view category,
                             int64_t from, int64_t to, std::span<const TraceArg> args) {
  if (to < opts_.from_ns || from > opts_.to_ns) {
    ++summary_.outside;
    return;
  }
  from = std::max(from, opts_.from_ns);
  to = std::min(to, opts_.to_ns);
  profiles::TraceSlice s;
  s.track = profiles::TrackId{track};
  s.name = name;
  s.category = category;
  s.ts_ns = from;
  s.dur_ns = to - from;
  s.args = args;
  out_.Slice(s);
  NoteCut(from);
  ++summary_.slices;
}

void TimelineConsumer::Flow(const End& from, const End& to, std::string_view from_name,
                            std::string_view to_name) {
  if (from.task == kNoTask || from.task == to.task) return;
  int64_t arrive = std::max(from.ts, to.ts);  // clocks of two cores may disagree by a little
  if (!InWindow(from.ts) || !InWindow(arrive)) {
    ++summary_.outside;
    return;
  }
  uint64_t id = next_flow_++;
  profiles::TraceSlice s;
  s.category = "flow";
  s.track = profiles::TrackId{from.task};
  s.name = from_name;
  s.ts_ns = from.ts;
  s.flow_out = id;
  out_.Slice(s);
  s.track = profiles::TrackId{to.task};
  s.name = to_name;
  s.ts_ns = arrive;
  s.flow_out = 0;
  s.flow_in = id;
  out_.Slice(s);
  NoteCut(from.ts);
  ++summary_.flows;
}

void TimelineConsumer::CloseSlice(const Task& t, Track& k, int64_t ts, bool never_ended) {
  if (!k.live) return;
  if (!k.blocked) {
    if (ts > k.since) Slice(t.index, "running", "running", k.since, ts);
    return;
  }
  std::string name = BlockOpName(k.op);
  std::string obj = ObjectName(k.obj);
  if (!obj.empty()) name += " " + obj;
  const std::string& at = WhereName(k.stack, k.site);
  TraceArg args[3] = {TraceArg::Str("object", obj), TraceArg::Str("at", at),
                      TraceArg::Str("ended", never_ended ? "never (blocked at exit)" : "yes")};
  Slice(t.index, name, "blocked", k.since, ts, args);
}

void TimelineConsumer::OnSync(const Task& t, const trace::Record& r, const SyncContext& ctx) {
  if (t.internal) return;
  Track& k = TrackOf(t);
  const int64_t ts = static_cast<int64_t>(r.ts);
  const End here{t.index, ts};
  uint64_t obj = r.addr;
  switch (r.sync_kind) {
    case SyncKind::kTaskCreate:
      if (ctx.other) creates_[ctx.other->index] = here;
      break;
    case SyncKind::kTaskStart: {
      k.live = true;
      k.blocked = false;
      k.since = ts;
      auto it = creates_.find(t.index);
      if (it != creates_.end()) {
        Flow(it->second, here, "go", "start");
        creates_.erase(it);
      }
      break;
    }
    case SyncKind::kTaskEnd:
    case SyncKind::kProcessExit:
      CloseSlice(t, k, ts, false);
      k.live = false;
      break;
    case SyncKind::kBlockBegin:
      if (!k.live) break;
      CloseSlice(t, k, ts, false);
      k.blocked = true;
      k.since = ts;
      k.op = static_cast<uint32_t>(r.arg1);
      k.obj = obj;
      k.site = r.site;
      k.stack = t.stack;
      break;
    case SyncKind::kBlockEnd:
      if (!k.live || !k.blocked) break;
      CloseSlice(t, k, ts, false);
      if (IsLockWait(k.op)) k.waited_lock = k.obj;
      k.blocked = false;
      k.since = ts;
      break;
    case SyncKind::kMutexLock:
    case SyncKind::kRwRdLock:
    case SyncKind::kRwWrLock:
      if (k.waited_lock == obj) {
        auto it = unlocks_.find(obj);
        if (it != unlocks_.end()) Flow(it->second, here, "unlock", "lock");
      }
      k.waited_lock = 0;
      break;
    case SyncKind::kMutexUnlock:
    case SyncKind::kRwUnlock:
      unlocks_[obj] = here;
      break;
    case SyncKind::kMutexDestroy:
    case SyncKind::kRwDestroy:
      unlocks_.erase(obj);
      break;
    case SyncKind::kChanMake:
      sends_.erase(obj);
      cancels_.erase(obj);
      break;
    case SyncKind::kChanSend:
      sends_[obj][r.arg1] = here;
      break;
    case SyncKind::kChanRecv: {
      auto ch = sends_.find(obj);
      if (ch == sends_.end()) break;
      auto it = ch->second.find(r.arg1);
      if (it == ch->second.end()) break;
      Flow(it->second, here, "send", "receive");
      ch->second.erase(it);
      break;
    }
    case SyncKind::kChanClose:
    case SyncKind::kCtxCancel:
      cancels_[obj] = here;
      break;
    case SyncKind::kChanRecvClosed:
    case SyncKind::kCtxObserve: {
      auto it = cancels_.find(obj);
      if (it != cancels_.end() && observed_.emplace(t.index, obj).second) {
        bool ctx_cancel = r.sync_kind == SyncKind::kCtxObserve;
        Flow(it->second, here, ctx_cancel ? "cancel" : "close", ctx_cancel ? "done observed" : "receive (closed)");
      }
      break;
    }
    case SyncKind::kWgAdd:
      if (trace::UnZigZag(r.arg1) < 0 && ctx.object && ctx.object->wg_counter == 0) wg_zero_[obj] = here;
      break;
    case SyncKind::kWgWait: {
      auto it = wg_zero_.find(obj);
      if (it != wg_zero_.end()) Flow(it->second, here, "done", "wait returns");
      break;
    }
    default:
      break;
  }
}

void TimelineConsumer::OnFinish(const Engine& engine) {
  int64_t end = TraceEndNs(engine);
  for (size_t i = 0; i < tracks_.size(); ++i) {
    Track& k = tracks_[i];
    if (!k.live) continue;
    CloseSlice(engine.task(static_cast<TaskIndex>(i)), k, end, true);
    k.live = false;
  }
}

}  // namespace ccsp::analyzer
