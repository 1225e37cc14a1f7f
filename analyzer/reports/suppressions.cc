// Suppression parsing and matching. Matching walks the finding's expanded frames, so it
// runs once per distinct report, not per occurrence.
#include "analyzer/reports/suppressions.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ccsp::analyzer {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return std::string();
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

bool KnownType(const std::string& t) {
  for (const char* k : {"race", "race_top", "thread", "called_from_lib", "deadlock", "leak", "mutex",
                        "misuse", "signal"})
    if (t == k) return true;
  return false;
}

bool MatchFrame(const std::string& pat, const Frame& fr) {
  return TemplateMatch(pat, fr.function) || TemplateMatch(pat, fr.file);
}

bool MatchStack(const std::string& pat, const Stack& s) {
  for (const Frame& fr : s)
    if (MatchFrame(pat, fr)) return true;
  return false;
}

bool MatchModules(const std::string& pat, const Stack& s) {
  for (const Frame& fr : s) {
    if (fr.module.empty()) continue;
    size_t slash = fr.module.rfind('/');
    std::string base = slash == std::string::npos ? fr.module : fr.module.substr(slash + 1);
    if (TemplateMatch(pat, fr.module) || TemplateMatch(pat, base)) return true;
  }
  return false;
}

bool Matches(const Suppression& s, const Finding& f) {
  const std::string& p = s.pattern;
  if (s.type == "thread") {
    for (const TaskDesc& t : f.tasks)
      if (TemplateMatch(p, t.name) || MatchStack(p, t.creation_stack)) return true;
    return false;
  }
  if (s.type == "called_from_lib") {
    for (const AccessDesc& a : f.accesses)
      if (MatchModules(p, a.stack)) return true;
    if (MatchModules(p, f.stack)) return true;
    for (const TaskDesc& t : f.tasks)
      if (MatchModules(p, t.stack)) return true;
    return false;
  }
  switch (f.kind) {
    case FindingKind::kDataRace:
      if (s.type == "race_top") {
        for (const AccessDesc& a : f.accesses)
          if (!a.stack.empty() && MatchFrame(p, a.stack[0])) return true;
        return false;
      }
      if (s.type != "race") return false;
      for (const AccessDesc& a : f.accesses)
        if (MatchStack(p, a.stack)) return true;
      return f.location.kind == LocationKind::kGlobal && TemplateMatch(p, f.location.name);
    case FindingKind::kMisuse:
      if (s.type != "mutex" && s.type != "misuse") return false;
      return MatchStack(p, f.stack) || TemplateMatch(p, f.misuse);
    case FindingKind::kAllAsleep:
      if (s.type != "deadlock") return false;
      for (const TaskDesc& t : f.tasks)
        if (MatchStack(p, t.stack)) return true;
      return false;
    case FindingKind::kDeadlock:
      if (s.type != "deadlock") return false;
      for (const LockEdgeDesc& e : f.edges)
        if (MatchStack(p, e.acquire_stack) || MatchStack(p, e.held_stack)) return true;
      return false;
    case FindingKind::kLeak:
      if (s.type != "leak") return false;
      return MatchStack(p, f.stack);
    case FindingKind::kWaitDeadlock:
      if (s.type != "deadlock") return false;
      for (const WaitDesc& w : f.waits)
        if (MatchStack(p, w.stack)) return true;
      return false;
  }
  return false;
}

}  // namespace

bool TemplateMatch(const std::string& pattern, const std::string& str) {
  if (str.empty() || pattern.empty()) return false;
  std::string pat = pattern;
  bool anchor_start = false, anchor_end = false;
  if (pat[0] == '^') {
    anchor_start = true;
    pat.erase(0, 1);
  }
  if (!pat.empty() && pat.back() == '$') {
    anchor_end = true;
    pat.pop_back();
  }
  std::vector<std::string> pieces;
  std::string cur;
  bool leading_star = !pat.empty() && pat[0] == '*';
  bool trailing_star = !pat.empty() && pat.back() == '*';
  for (char c : pat) {
    if (c == '*') {
      if (!cur.empty()) pieces.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) pieces.push_back(cur);
  if (pieces.empty()) return true;  // only stars / anchors
  if (leading_star) anchor_start = false;
  if (trailing_star) anchor_end = false;
  size_t pos = 0;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const std::string& piece = pieces[i];
    bool last = i + 1 == pieces.size();
    if (last && anchor_end) {
      if (str.size() < piece.size() || str.size() - piece.size() < pos) return false;
      size_t at = str.size() - piece.size();
      if (str.compare(at, piece.size(), piece) != 0) return false;
      if (i == 0 && anchor_start && at != 0) return false;
      return true;
    }
    size_t at = str.find(piece, pos);
    if (at == std::string::npos) return false;
    if (i == 0 && anchor_start && at != 0) return false;
    pos = at + piece.size();
  }
  return true;
}

Result<Suppressions> Suppressions::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error{path + ": cannot read suppressions: " + std::strerror(errno)};
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

Result<Suppressions> Suppressions::Parse(const std::string& text, const std::string& name) {
  Suppressions s;
  std::istringstream in(text);
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    size_t colon = t.find(':');
    if (colon == std::string::npos)
      return Error{name + ":" + std::to_string(lineno) + ": expected type:pattern, got '" + t + "'"};
    Suppression e;
    e.type = Trim(t.substr(0, colon));
    e.pattern = Trim(t.substr(colon + 1));
    e.text = t;
    if (!KnownType(e.type))
      return Error{name + ":" + std::to_string(lineno) + ": unknown suppression type '" + e.type +
                   "' (known: race, race_top, thread, called_from_lib, deadlock, mutex, misuse)"};
    if (e.pattern.empty())
      return Error{name + ":" + std::to_string(lineno) + ": empty pattern in '" + t + "'"};
    s.entries_.push_back(std::move(e));
  }
  return s;
}

void Suppressions::Append(const Suppressions& other) {
  entries_.insert(entries_.end(), other.entries_.begin(), other.entries_.end());
}

const Suppression* Suppressions::Match(const Finding& f) {
  for (Suppression& s : entries_)
    if (Matches(s, f)) {
      s.hits += f.count;
      return &s;
    }
  return nullptr;
}

void Suppressions::Apply(std::vector<Finding>& findings) {
  for (Finding& f : findings)
    if (const Suppression* s = Match(f)) {
      f.suppressed = true;
      f.suppressed_by = s->text;
    }
}

}  // namespace ccsp::analyzer
