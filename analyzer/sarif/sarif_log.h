// A small SARIF 2.1.0 log writer: one run of one tool, its rules, its results (locations,
// code flows, fixes, fingerprints) and execution notifications. Generic: nothing here knows
// which tool writes the log. Paths under the source root become %SRCROOT%-relative URIs.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ccsp::sarif {

enum class Level { kNone, kNote, kWarning, kError };

const char* LevelName(Level level);

struct Rule {
  std::string id;                 // e.g. "ccsp-vet-loopclosure"; results refer to it
  std::string name;               // PascalCase or short name (optional)
  std::string short_description;  // one sentence
  std::string full_description;   // optional; defaults to short_description
  std::string help_text;          // optional: how to fix
  std::string help_uri;           // optional
  Level default_level = Level::kWarning;
};

struct Tool {
  std::string name;             // tool.driver.name
  std::string version;          // optional
  std::string information_uri;  // optional
  std::vector<Rule> rules;
};

// Lines and columns are 1-based; 0 means "not given".
struct Region {
  unsigned start_line = 0;
  unsigned start_column = 0;
  unsigned end_line = 0;
  unsigned end_column = 0;  // exclusive, as SARIF's endColumn
};

// A file position. `path` is a file-system path (absolute or relative to the current
// directory); the log writes it relative to the source root when it lies under it.
struct Location {
  std::string path;
  Region region;
  std::string message;  // optional (thread-flow steps, related locations)
};

// One task's (thread's) steps, in order.
struct ThreadFlow {
  std::string message;  // optional, e.g. "task 3"
  std::vector<Location> locations;
};

struct CodeFlow {
  std::string message;  // optional
  std::vector<ThreadFlow> thread_flows;
};

// A proposed edit: replace `deleted` (an empty region: insert) in `path` with `inserted`.
struct Replacement {
  std::string path;
  Region deleted;
  std::string inserted;
};

struct Fix {
  std::string description;
  std::vector<Replacement> replacements;
};

struct Result {
  std::string rule_id;  // must be one of the tool's rules
  Level level = Level::kWarning;
  std::string message;
  std::vector<Location> locations;
  std::vector<Location> related_locations;
  std::vector<CodeFlow> code_flows;
  std::vector<Fix> fixes;
  std::map<std::string, std::string> partial_fingerprints;
};

class Log {
 public:
  // source_root: a directory; empty means no %SRCROOT% (absolute file: URIs everywhere).
  Log(Tool tool, std::string source_root);

  void AddResult(Result result);
  // A tool execution notification (e.g. a file that could not be analyzed).
  void AddNotification(Level level, std::string message, Location where = {});
  void SetExecutionSuccessful(bool ok) { execution_successful_ = ok; }

  size_t result_count() const { return results_.size(); }

  // The whole log as JSON text (2-space indented, UTF-8, trailing newline).
  std::string ToJson() const;

 private:
  struct Notification {
    Level level;
    std::string message;
    Location where;
  };
  Tool tool_;
  std::string source_root_;  // absolute, normalized, ends with '/'; or empty
  std::vector<Result> results_;
  std::vector<Notification> notifications_;
  bool execution_successful_ = true;

  friend class LogWriter;
};

// Exposed for tests: percent-encodes a path into a URI reference ('/' kept).
std::string PercentEncodePath(const std::string& path);

}  // namespace ccsp::sarif
