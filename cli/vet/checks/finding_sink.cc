// FindingSink: location conversion (expansion locations, absolute normalized paths, like
// clang-tidy), `ccsp-vet:ignore` suppression on the flagged line or a comment line above it,
// and de-duplication.
#include "cli/vet/checks/finding_sink.h"

#include <algorithm>
#include <cctype>

#include "clang/Basic/FileManager.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

namespace ccsp::vet {

namespace {

constexpr std::string_view kIgnore = "ccsp-vet:ignore";

std::string Trim(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// Whether one line's ignore comment (if any) covers `check`.
bool LineIgnores(std::string_view line, const std::string& check) {
  size_t at = line.find(kIgnore);
  if (at == std::string_view::npos) return false;
  std::string_view rest = line.substr(at + kIgnore.size());
  if (size_t end = rest.find("*/"); end != std::string_view::npos) rest = rest.substr(0, end);
  // Names: [A-Za-z0-9_-]+ separated by commas or blanks; anything else ends the list.
  bool any = false;
  size_t i = 0;
  while (i < rest.size()) {
    char c = rest[i];
    if (c == ',' || c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[j])) ||
                               rest[j] == '_' || rest[j] == '-')) {
      ++j;
    }
    if (j == i) break;
    std::string_view name = rest.substr(i, j - i);
    if (name.substr(0, 9) == "ccsp-vet-") name.remove_prefix(9);
    if (name == check || name == "all") return true;
    any = true;
    i = j;
  }
  return !any;
}

bool IsCommentOnly(const std::string& line) {
  std::string t = Trim(line);
  return t.rfind("//", 0) == 0 || t.rfind("/*", 0) == 0;
}

// The text of the line holding `offset` in `buffer`, and of the line before it.
void LinesAround(llvm::StringRef buffer, size_t offset, std::string* line, std::string* before) {
  size_t begin = buffer.rfind('\n', offset == 0 ? 0 : offset - 1);
  begin = (begin == llvm::StringRef::npos || offset == 0) ? 0 : begin + 1;
  size_t end = buffer.find('\n', offset);
  if (end == llvm::StringRef::npos) end = buffer.size();
  *line = buffer.slice(begin, end).str();
  if (!line->empty() && line->back() == '\r') line->pop_back();
  before->clear();
  if (begin > 0) {
    size_t prev_end = begin - 1;
    size_t prev_begin = prev_end == 0 ? llvm::StringRef::npos : buffer.rfind('\n', prev_end - 1);
    prev_begin = prev_begin == llvm::StringRef::npos ? 0 : prev_begin + 1;
    *before = buffer.slice(prev_begin, prev_end).str();
  }
}

std::string AbsolutePath(const clang::SourceManager& sm, llvm::StringRef name) {
  llvm::SmallString<256> path(name);
  sm.getFileManager().makeAbsolutePath(path);
  llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
  return std::string(path);
}

}  // namespace

bool IsSuppressed(const std::string& line_text, const std::string& previous_line,
                  const std::string& check) {
  if (LineIgnores(line_text, check)) return true;
  return IsCommentOnly(previous_line) && LineIgnores(previous_line, check);
}

void FindingSink::Add(const clang::SourceManager& sm, clang::SourceLocation loc,
                      const CheckInfo& check, std::string message,
                      const std::vector<clang::FixItHint>& fixes, std::string fix_description) {
  clang::SourceLocation at = sm.getExpansionLoc(loc);
  if (at.isInvalid()) return;
  auto [fid, offset] = sm.getDecomposedLoc(at);
  auto entry = sm.getFileEntryRefForID(fid);
  if (!entry) return;

  Finding f;
  f.check = check.name;
  f.file = AbsolutePath(sm, entry->getName());
  f.line = sm.getLineNumber(fid, offset);
  f.column = sm.getColumnNumber(fid, offset);
  if (!seen_.insert({f.file, f.line, f.column, f.check}).second) return;

  std::string before;
  LinesAround(sm.getBufferData(fid), offset, &f.source_line, &before);
  if (IsSuppressed(f.source_line, before, f.check)) {
    ++suppressed_;
    return;
  }
  f.message = std::move(message);
  f.fix_description = std::move(fix_description);
  for (const clang::FixItHint& h : fixes) {
    if (h.RemoveRange.isInvalid()) continue;
    clang::SourceLocation b = h.RemoveRange.getBegin();
    clang::SourceLocation e = h.RemoveRange.getEnd();
    if (b.isMacroID() || e.isMacroID()) continue;  // no edits inside macro expansions
    if (h.RemoveRange.isTokenRange()) {
      e = clang::Lexer::getLocForEndOfToken(e, 0, sm, clang::LangOptions());
    }
    if (sm.getFileID(b) != fid || sm.getFileID(e) != fid) continue;
    FixIt fix;
    fix.line = sm.getSpellingLineNumber(b);
    fix.column = sm.getSpellingColumnNumber(b);
    fix.end_line = sm.getSpellingLineNumber(e);
    fix.end_column = sm.getSpellingColumnNumber(e);
    fix.replacement = h.CodeToInsert;
    f.fixits.push_back(std::move(fix));
  }
  findings_.push_back(std::move(f));
}

std::vector<Finding> FindingSink::Take() {
  std::vector<Finding> out = std::move(findings_);
  findings_.clear();
  std::sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.file, a.line, a.column, a.check) <
           std::tie(b.file, b.line, b.column, b.check);
  });
  return out;
}

void Check::Report(const clang::SourceManager& sm, clang::SourceLocation loc,
                   std::string message, const std::vector<clang::FixItHint>& fixes,
                   std::string fix_description) {
  if (!ShouldCheck(sm, loc)) return;
  sink_.Add(sm, loc, info(), std::move(message), fixes, std::move(fix_description));
}

bool Check::ShouldCheck(const clang::SourceManager& sm, clang::SourceLocation loc) const {
  if (loc.isInvalid()) return false;
  clang::SourceLocation at = sm.getExpansionLoc(loc);
  if (sm.isInMainFile(at)) return true;
  return sink_.include_headers() && !sm.isInSystemHeader(at);
}

}  // namespace ccsp::vet
