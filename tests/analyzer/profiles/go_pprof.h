// Test helper: runs the real pprof client (`go tool pprof`, Debian's golang-go) on a
// profile and parses the parts of its -raw and -top output the tests assert on.
// Tests skip, naming golang-go, when no go binary is found; they never fake the reader.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace ccsp::profiles::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `command` through the shell; stdout and stderr are captured apart, so a test
// can insist that pprof printed no warning.
inline CommandResult RunCommand(const std::string& command, const std::string& scratch_dir) {
  const std::string err_path = scratch_dir + "/stderr.txt";
  CommandResult result;
  std::FILE* pipe = ::popen((command + " 2>'" + err_path + "'").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path);
  std::stringstream ss;
  ss << err.rdbuf();
  result.err = ss.str();
  return result;
}

// The go binary: the one CMake found, else `go` on PATH, else Debian's path; empty if none.
inline std::string FindGo() {
#ifdef CCSP_GO_EXECUTABLE
  if (std::string configured = CCSP_GO_EXECUTABLE;
      !configured.empty() && ::access(configured.c_str(), X_OK) == 0) {
    return configured;
  }
#endif
  if (const char* path = std::getenv("PATH")) {
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
      const std::string candidate = dir + "/go";
      if (!dir.empty() && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  }
  if (::access("/usr/lib/go/bin/go", X_OK) == 0) return "/usr/lib/go/bin/go";
  return {};
}

// A fresh directory for one test's files.
inline std::string MakeScratchDir() {
  std::string tmpl = (std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp");
  tmpl += "/ccsp_profiles_test.XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  return ::mkdtemp(buf.data()) ? std::string(buf.data()) : std::string("/tmp");
}

// One sample of `pprof -raw`: its values, and its stack as function names, leaf first.
struct RawSample {
  std::vector<long long> values;
  std::vector<std::string> functions;
  std::map<std::string, std::string> labels;  // "state" -> "[blocked]" as printed
};

struct RawProfile {
  std::string sample_types_line;  // e.g. "contentions/count delay/nanoseconds[dflt]"
  std::vector<RawSample> samples;
  // Location id -> its lines as printed: "worker(int) app.cc:17 s=10(_Z6workeri)",
  // innermost first.
  std::map<int, std::vector<std::string>> locations;
};

// Parses `go tool pprof -raw`: the "Samples:" table (values, then ": " and the location
// ids) with indented label lines, and the "Locations" table.
inline RawProfile ParseRaw(const std::string& text) {
  RawProfile raw;
  std::istringstream in(text);
  std::string line;
  enum class Section { kHeader, kSamples, kLocations, kMappings } section = Section::kHeader;
  const std::regex sample_re(R"(^\s+([-\d ]+):((?: \d+)*) ?$)");
  const std::regex label_re(R"(^\s+([^\s:]+):(\[.*\])$)");
  const std::regex location_re(R"(^\s+(\d+): 0x[0-9a-f]+ M=\d+ (.*)$)");
  const std::regex continuation_re(R"(^\s{6,}(\S.*)$)");
  std::map<int, std::vector<std::string>> locations;
  std::vector<std::vector<int>> sample_ids;
  int last_location = -1;
  std::smatch m;
  while (std::getline(in, line)) {
    if (line == "Samples:") {
      section = Section::kSamples;
      std::getline(in, raw.sample_types_line);
      continue;
    }
    if (line == "Locations") {
      section = Section::kLocations;
      continue;
    }
    if (line == "Mappings") {
      section = Section::kMappings;
      continue;
    }
    if (section == Section::kSamples) {
      if (std::regex_match(line, m, sample_re)) {
        RawSample sample;
        std::istringstream values(m[1].str());
        long long v;
        while (values >> v) sample.values.push_back(v);
        std::istringstream ids(m[2].str());
        std::vector<int> id_list;
        int id;
        while (ids >> id) id_list.push_back(id);
        raw.samples.push_back(sample);
        sample_ids.push_back(id_list);
      } else if (std::regex_match(line, m, label_re) && !raw.samples.empty()) {
        raw.samples.back().labels[m[1].str()] = m[2].str();
      }
    } else if (section == Section::kLocations) {
      if (std::regex_match(line, m, location_re)) {
        last_location = std::stoi(m[1].str());
        locations[last_location].push_back(m[2].str());
      } else if (last_location >= 0 && std::regex_match(line, m, continuation_re)) {
        locations[last_location].push_back(m[1].str());
      }
    }
  }
  raw.locations = locations;
  // Resolve each sample's location ids to function names (every inlined line).
  for (size_t i = 0; i < raw.samples.size(); ++i) {
    for (int id : sample_ids[i]) {
      for (const std::string& printed : locations[id]) {
        // "name file:line s=N..." -> name (names may contain spaces: cut at the file).
        const size_t s_at = printed.find(" s=");
        const size_t file_at = s_at == std::string::npos || s_at == 0
                                   ? std::string::npos
                                   : printed.rfind(' ', s_at - 1);
        raw.samples[i].functions.push_back(printed.substr(0, file_at));
      }
    }
  }
  return raw;
}

// `pprof -top` rows: function name -> {flat, cum} as printed ("3000000ns", "5").
struct TopRow {
  std::string flat;
  std::string cum;
};

inline std::map<std::string, TopRow> ParseTop(const std::string& text, std::string* type_line) {
  std::map<std::string, TopRow> rows;
  std::istringstream in(text);
  std::string line;
  const std::regex row_re(R"(^\s*(\S+)\s+\S+%\s+\S+%\s+(\S+)\s+\S+%\s+(.+)$)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (line.rfind("Type: ", 0) == 0 && type_line != nullptr) *type_line = line;
    if (std::regex_match(line, m, row_re) && m[1].str() != "flat") {
      rows[m[3].str()] = TopRow{m[1].str(), m[2].str()};
    }
  }
  return rows;
}

}  // namespace ccsp::profiles::testing
