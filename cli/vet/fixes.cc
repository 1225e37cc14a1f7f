// Fix-it application: line/column positions (1-based, in bytes, as clang counts them) become
// offsets; each file's edits are applied from its end so earlier offsets stay valid.
#include "cli/vet/fixes.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

namespace ccsp::vet {

namespace {

struct Edit {
  size_t begin;
  size_t end;
  std::string text;
};

// Offset of line:column in text, or npos when it is outside the text.
size_t OffsetOf(const std::vector<size_t>& line_starts, size_t size, unsigned line,
                unsigned column) {
  if (line == 0 || column == 0 || line > line_starts.size()) return std::string::npos;
  size_t at = line_starts[line - 1] + column - 1;
  return at <= size ? at : std::string::npos;
}

}  // namespace

int ApplyFixes(const std::vector<Finding>& findings, std::string* error) {
  std::map<std::string, std::vector<const FixIt*>> by_file;
  for (const Finding& f : findings) {
    for (const FixIt& fix : f.fixits) by_file[f.file].push_back(&fix);
  }
  int applied = 0;
  for (auto& [file, fixes] : by_file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      *error = "--fix: cannot read " + file;
      return -1;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    std::string text = buf.str();
    std::vector<size_t> line_starts = {0};
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') line_starts.push_back(i + 1);
    }
    std::vector<Edit> edits;
    for (const FixIt* fix : fixes) {
      size_t b = OffsetOf(line_starts, text.size(), fix->line, fix->column);
      size_t e = OffsetOf(line_starts, text.size(), fix->end_line, fix->end_column);
      if (b == std::string::npos || e == std::string::npos || e < b) continue;
      edits.push_back({b, e, fix->replacement});
    }
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
      return std::tie(a.begin, a.end, a.text) < std::tie(b.begin, b.end, b.text);
    });
    edits.erase(std::unique(edits.begin(), edits.end(),
                            [](const Edit& a, const Edit& b) {
                              return a.begin == b.begin && a.end == b.end && a.text == b.text;
                            }),
                edits.end());
    // Drop edits that overlap an earlier one (insertions at one point all stay).
    std::vector<Edit> kept;
    for (const Edit& e : edits) {
      if (!kept.empty() && e.begin < kept.back().end) continue;
      kept.push_back(e);
    }
    for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
      text.replace(it->begin, it->end - it->begin, it->text);
    }
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
      *error = "--fix: cannot write " + file;
      return -1;
    }
    applied += static_cast<int>(kept.size());
  }
  return applied;
}

}  // namespace ccsp::vet
