// JSON renderer (nlohmann_json). Addresses are hex strings (JSON numbers lose 64-bit
// precision in many readers); everything else is a number, string or bool.
#include "analyzer/base/hex.h"
#include "analyzer/reports/report_json.h"

#include <cinttypes>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace ccsp::analyzer {
namespace {

using nlohmann::json;

json StackJson(const Stack& s) {
  json a = json::array();
  for (const Frame& f : s)
    a.push_back({{"function", f.function}, {"file", f.file}, {"line", f.line}, {"column", f.column}});
  return a;
}

json TaskJson(const TaskDesc& t, bool blocked) {
  json j = {{"id", Raw(t.id)},
            {"running", t.running},
            {"blocked", t.blocked},
            {"created_by", Raw(t.created_by)},
            {"creation_stack", StackJson(t.creation_stack)}};
  if (!t.name.empty()) j["name"] = t.name;
  if (blocked) {
    j["op"] = t.op;
    j["object"] = HexString(Raw(t.object));
    j["stack"] = StackJson(t.stack);
  }
  return j;
}

json LocationJson(const Location& l) {
  switch (l.kind) {
    case LocationKind::kGlobal:
      return {{"kind", "global"}, {"name", l.name}, {"size", l.size}, {"addr", HexString(l.addr)},
              {"file", l.file},   {"line", l.line}};
    case LocationKind::kHeap:
      return {{"kind", "heap"}, {"size", l.size}, {"addr", HexString(l.addr)}, {"task", Raw(l.task)},
              {"stack", StackJson(l.alloc_stack)}};
    case LocationKind::kStack:
      return {{"kind", "stack"}, {"task", Raw(l.task)}, {"addr", HexString(l.addr)}, {"size", l.size}};
    case LocationKind::kUnknown:
      return {{"kind", "unknown"}, {"addr", HexString(l.addr)}};
  }
  return json::object();
}

json FindingJson(const Finding& f) {
  json j = {{"kind", FindingKindName(f.kind)}, {"count", f.count}};
  switch (f.kind) {
    case FindingKind::kDataRace: {
      json acc = json::array();
      for (const AccessDesc& a : f.accesses) {
        json aj = {{"op", a.write ? "write" : "read"}, {"atomic", a.atomic}, {"size", a.size},
                   {"addr", HexString(a.addr)},              {"task", Raw(a.task)},     {"stack", StackJson(a.stack)}};
        if (a.free) aj["free"] = true;
        acc.push_back(std::move(aj));
      }
      j["accesses"] = std::move(acc);
      j["location"] = LocationJson(f.location);
      break;
    }
    case FindingKind::kMisuse:
      j["misuse"] = f.misuse;
      j["message"] = f.message;
      j["task"] = Raw(f.task);
      j["object"] = HexString(Raw(f.object));
      j["stack"] = StackJson(f.stack);
      break;
    case FindingKind::kAllAsleep:
      j["message"] = f.message;
      break;
    case FindingKind::kDeadlock: {
      j["message"] = f.message;
      json cycle = json::array();
      for (const LockEdgeDesc& e : f.edges) {
        json edge = {{"task", Raw(e.task)},
                     {"held", HexString(Raw(e.held))},
                     {"held_read", e.held_read},
                     {"acquired", HexString(Raw(e.acquired))},
                     {"acquired_read", e.acquired_read},
                     {"stack", StackJson(e.acquire_stack)},
                     {"held_stack", StackJson(e.held_stack)}};
        if (!e.what.empty()) edge["what"] = e.what;
        if (!e.held_what.empty()) edge["held_what"] = e.held_what;
        cycle.push_back(std::move(edge));
      }
      j["cycle"] = std::move(cycle);
      break;
    }
    case FindingKind::kLeak:
      j["message"] = f.message;
      j["reason"] = f.reason;
      j["op"] = f.misuse;
      j["task"] = Raw(f.task);
      j["object"] = HexString(Raw(f.object));
      j["stack"] = StackJson(f.stack);
      break;
    case FindingKind::kWaitDeadlock: {
      j["message"] = f.message;
      json cycle = json::array();
      for (const WaitDesc& w : f.waits) {
        json waits_for = json::array(), holding = json::array();
        for (TaskId t : w.waits_for) waits_for.push_back(Raw(t));
        for (const HeldDesc& h : w.holding)
          holding.push_back({{"lock", HexString(Raw(h.lock))}, {"read", h.read}, {"stack", StackJson(h.stack)}});
        cycle.push_back({{"task", Raw(w.task)},
                         {"op", w.op},
                         {"object", HexString(Raw(w.object))},
                         {"stack", StackJson(w.stack)},
                         {"waits_for", std::move(waits_for)},
                         {"holding", std::move(holding)}});
      }
      j["cycle"] = std::move(cycle);
      break;
    }
  }
  json tasks = json::array();
  bool blocked = f.kind == FindingKind::kAllAsleep || f.kind == FindingKind::kWaitDeadlock;
  for (const TaskDesc& t : f.tasks) tasks.push_back(TaskJson(t, blocked));
  j["tasks"] = std::move(tasks);
  return j;
}

json TraceJson(const AnalysisResult& r) {
  const TraceSummary& s = r.trace;
  json j = {{"path", s.path},
            {"program", s.program},
            {"args", s.args},
            {"pid", s.pid},
            {"complete", s.complete},
            {"exit_status", s.has_exit_status ? json(s.exit_status) : json(nullptr)},
            {"events", s.events},
            {"tasks", s.tasks},
            {"warnings", s.warnings}};
  if (s.fork_child) j["parent_pid"] = s.parent_pid;
  return j;
}

}  // namespace

void RenderJson(const std::vector<AnalysisResult>& results, std::ostream& out) {
  json reports = json::array();
  json traces = json::array();
  FindingSummary sum;
  for (const AnalysisResult& r : results) {
    for (const Finding& f : r.findings)
      if (!f.suppressed) reports.push_back(FindingJson(f));
    sum.Add(r.findings);
    traces.push_back(TraceJson(r));
  }
  json summary = {{"reports", sum.reported}};
  for (const FindingKindInfo& k : kFindingKinds) summary[k.key] = sum.Count(k.kind);
  summary["suppressed"] = sum.suppressed;
  json doc = {{"reports", std::move(reports)}, {"summary", std::move(summary)}};
  if (!traces.empty()) doc["trace"] = traces[0];
  doc["traces"] = std::move(traces);
  // Invalid UTF-8 in names from a damaged trace must not throw: replace it.
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace ccsp::analyzer
