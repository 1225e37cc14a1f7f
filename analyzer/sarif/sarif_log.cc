// SARIF 2.1.0 serialization with nlohmann::json. Field names and nesting follow the OASIS
// schema (sarif-schema-2.1.0.json); optional members are left out rather than written empty,
// and every result's ruleIndex points into tool.driver.rules.
#include "analyzer/sarif/sarif_log.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <utility>

namespace ccsp::sarif {

namespace {

using nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr const char* kSrcRoot = "%SRCROOT%";

std::string Normalize(const std::string& path) {
  std::error_code ec;
  fs::path p(path);
  if (p.is_relative()) {
    fs::path cwd = fs::current_path(ec);
    if (!ec) p = cwd / p;
  }
  return p.lexically_normal().generic_string();
}

ordered_json Text(const std::string& text) { return ordered_json{{"text", text}}; }

}  // namespace

const char* LevelName(Level level) {
  switch (level) {
    case Level::kNone:
      return "none";
    case Level::kNote:
      return "note";
    case Level::kWarning:
      return "warning";
    case Level::kError:
      return "error";
  }
  return "warning";
}

std::string PercentEncodePath(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

Log::Log(Tool tool, std::string source_root) : tool_(std::move(tool)) {
  if (!source_root.empty()) {
    source_root_ = Normalize(source_root);
    if (source_root_.empty() || source_root_.back() != '/') source_root_ += '/';
  }
}

void Log::AddResult(Result result) { results_.push_back(std::move(result)); }

void Log::AddNotification(Level level, std::string message, Location where) {
  notifications_.push_back({level, std::move(message), std::move(where)});
}

// Builds the JSON tree; a class (not free functions) so it can read Log's private members.
class LogWriter {
 public:
  explicit LogWriter(const Log& log) : log_(log) {}

  ordered_json ArtifactLocation(const std::string& path) const {
    std::string abs = Normalize(path);
    const std::string& root = log_.source_root_;
    if (!root.empty() && abs.compare(0, root.size(), root) == 0) {
      return {{"uri", PercentEncodePath(abs.substr(root.size()))}, {"uriBaseId", kSrcRoot}};
    }
    return {{"uri", "file://" + PercentEncodePath(abs)}};
  }

  static ordered_json RegionJson(const Region& r) {
    ordered_json j = ordered_json::object();
    if (r.start_line) j["startLine"] = r.start_line;
    if (r.start_column) j["startColumn"] = r.start_column;
    if (r.end_line) j["endLine"] = r.end_line;
    if (r.end_column) j["endColumn"] = r.end_column;
    return j;
  }

  ordered_json LocationJson(const Location& loc) const {
    ordered_json phys = {{"artifactLocation", ArtifactLocation(loc.path)}};
    if (loc.region.start_line) phys["region"] = RegionJson(loc.region);
    ordered_json j = {{"physicalLocation", std::move(phys)}};
    if (!loc.message.empty()) j["message"] = Text(loc.message);
    return j;
  }

  ordered_json ResultJson(const Result& r) const {
    ordered_json j = {{"ruleId", r.rule_id}};
    for (size_t i = 0; i < log_.tool_.rules.size(); ++i) {
      if (log_.tool_.rules[i].id == r.rule_id) {
        j["ruleIndex"] = i;
        break;
      }
    }
    j["level"] = LevelName(r.level);
    j["message"] = Text(r.message);
    ordered_json locs = ordered_json::array();
    for (const Location& l : r.locations) locs.push_back(LocationJson(l));
    j["locations"] = std::move(locs);
    if (!r.related_locations.empty()) {
      ordered_json rel = ordered_json::array();
      for (size_t i = 0; i < r.related_locations.size(); ++i) {
        ordered_json l = LocationJson(r.related_locations[i]);
        l["id"] = i;
        rel.push_back(std::move(l));
      }
      j["relatedLocations"] = std::move(rel);
    }
    if (!r.code_flows.empty()) j["codeFlows"] = CodeFlowsJson(r.code_flows);
    if (!r.fixes.empty()) j["fixes"] = FixesJson(r.fixes);
    if (!r.partial_fingerprints.empty()) {
      ordered_json fp = ordered_json::object();
      for (const auto& [k, v] : r.partial_fingerprints) fp[k] = v;
      j["partialFingerprints"] = std::move(fp);
    }
    return j;
  }

  ordered_json CodeFlowsJson(const std::vector<CodeFlow>& flows) const {
    ordered_json out = ordered_json::array();
    for (const CodeFlow& cf : flows) {
      ordered_json threads = ordered_json::array();
      for (const ThreadFlow& tf : cf.thread_flows) {
        ordered_json steps = ordered_json::array();
        for (const Location& l : tf.locations) steps.push_back({{"location", LocationJson(l)}});
        ordered_json t = {{"locations", std::move(steps)}};
        if (!tf.message.empty()) t["message"] = Text(tf.message);
        threads.push_back(std::move(t));
      }
      ordered_json c = ordered_json::object();
      if (!cf.message.empty()) c["message"] = Text(cf.message);
      c["threadFlows"] = std::move(threads);
      out.push_back(std::move(c));
    }
    return out;
  }

  ordered_json FixesJson(const std::vector<Fix>& fixes) const {
    ordered_json out = ordered_json::array();
    for (const Fix& f : fixes) {
      // One artifactChange per file, replacements in the order given.
      ordered_json changes = ordered_json::array();
      std::vector<std::string> paths;
      for (const Replacement& rep : f.replacements) {
        ordered_json r = {{"deletedRegion", RegionJson(rep.deleted)},
                          {"insertedContent", Text(rep.inserted)}};
        size_t k = 0;
        while (k < paths.size() && paths[k] != rep.path) ++k;
        if (k == paths.size()) {
          paths.push_back(rep.path);
          changes.push_back({{"artifactLocation", ArtifactLocation(rep.path)},
                             {"replacements", ordered_json::array()}});
        }
        changes[k]["replacements"].push_back(std::move(r));
      }
      ordered_json fix = ordered_json::object();
      if (!f.description.empty()) fix["description"] = Text(f.description);
      fix["artifactChanges"] = std::move(changes);
      out.push_back(std::move(fix));
    }
    return out;
  }

  ordered_json RuleJson(const Rule& rule) const {
    ordered_json j = {{"id", rule.id}};
    if (!rule.name.empty()) j["name"] = rule.name;
    j["shortDescription"] = Text(rule.short_description);
    j["fullDescription"] =
        Text(rule.full_description.empty() ? rule.short_description : rule.full_description);
    if (!rule.help_text.empty()) j["help"] = Text(rule.help_text);
    if (!rule.help_uri.empty()) j["helpUri"] = rule.help_uri;
    j["defaultConfiguration"] = {{"level", LevelName(rule.default_level)}};
    return j;
  }

  ordered_json Build() const {
    const Tool& tool = log_.tool_;
    ordered_json driver = {{"name", tool.name}};
    if (!tool.version.empty()) driver["version"] = tool.version;
    if (!tool.information_uri.empty()) driver["informationUri"] = tool.information_uri;
    ordered_json rules = ordered_json::array();
    for (const Rule& r : tool.rules) rules.push_back(RuleJson(r));
    driver["rules"] = std::move(rules);

    ordered_json invocation = {{"executionSuccessful", log_.execution_successful_}};
    if (!log_.notifications_.empty()) {
      ordered_json notes = ordered_json::array();
      for (const Log::Notification& n : log_.notifications_) {
        ordered_json j = {{"level", LevelName(n.level)}, {"message", Text(n.message)}};
        if (!n.where.path.empty()) j["locations"] = ordered_json::array({LocationJson(n.where)});
        notes.push_back(std::move(j));
      }
      invocation["toolExecutionNotifications"] = std::move(notes);
    }

    ordered_json run = {{"tool", {{"driver", std::move(driver)}}},
                        {"invocations", ordered_json::array({std::move(invocation)})}};
    if (!log_.source_root_.empty()) {
      run["originalUriBaseIds"] = {
          {kSrcRoot, {{"uri", "file://" + PercentEncodePath(log_.source_root_)}}}};
    }
    ordered_json results = ordered_json::array();
    for (const Result& r : log_.results_) results.push_back(ResultJson(r));
    run["results"] = std::move(results);

    return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
            {"version", "2.1.0"},
            {"runs", ordered_json::array({std::move(run)})}};
  }

 private:
  const Log& log_;
};

std::string Log::ToJson() const { return LogWriter(*this).Build().dump(2) + "\n"; }

}  // namespace ccsp::sarif
