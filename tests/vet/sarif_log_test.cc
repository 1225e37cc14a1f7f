// Unit tests of the SARIF writer (analyzer/sarif): required members, %SRCROOT%-relative
// URIs, rule indices, code flows, fixes, fingerprints and notifications, read back as JSON.
#include "analyzer/sarif/sarif_log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace ccsp::sarif {
namespace {

using nlohmann::json;

Tool TwoRules() {
  Tool tool;
  tool.name = "demo";
  tool.version = "1.2.3";
  tool.rules = {{"demo-a", "a", "Rule A.", "", "Fix A.", "", Level::kWarning},
                {"demo-b", "b", "Rule B.", "Rule B in full.", "", "https://example.com/b",
                 Level::kError}};
  return tool;
}

TEST(SarifLog, WritesRequiredMembers) {
  Log log(TwoRules(), "/src/project");
  json j = json::parse(log.ToJson());
  EXPECT_EQ(j["version"], "2.1.0");
  EXPECT_EQ(j["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  ASSERT_EQ(j["runs"].size(), 1u);
  const json& driver = j["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "demo");
  EXPECT_EQ(driver["version"], "1.2.3");
  ASSERT_EQ(driver["rules"].size(), 2u);
  EXPECT_EQ(driver["rules"][0]["fullDescription"]["text"], "Rule A.");  // defaults to short
  EXPECT_EQ(driver["rules"][1]["helpUri"], "https://example.com/b");
  EXPECT_EQ(driver["rules"][1]["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(j["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///src/project/");
  EXPECT_TRUE(j["runs"][0]["results"].empty());
  EXPECT_TRUE(j["runs"][0]["invocations"][0]["executionSuccessful"]);
}

TEST(SarifLog, ResultLocationsAreRelativeToTheSourceRoot) {
  Log log(TwoRules(), "/src/project/");
  Result r;
  r.rule_id = "demo-b";
  r.level = Level::kError;
  r.message = "Something is wrong.";
  r.locations.push_back({"/src/project/dir/a b.cc", {12, 5, 0, 0}, ""});
  r.related_locations.push_back({"/elsewhere/x.h", {3, 0, 0, 0}, "declared here"});
  r.partial_fingerprints["lineHash/v1"] = "abc";
  log.AddResult(r);
  json res = json::parse(log.ToJson())["runs"][0]["results"][0];
  EXPECT_EQ(res["ruleId"], "demo-b");
  EXPECT_EQ(res["ruleIndex"], 1);
  EXPECT_EQ(res["level"], "error");
  const json& phys = res["locations"][0]["physicalLocation"];
  EXPECT_EQ(phys["artifactLocation"]["uri"], "dir/a%20b.cc");
  EXPECT_EQ(phys["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(phys["region"]["startLine"], 12);
  EXPECT_EQ(phys["region"]["startColumn"], 5);
  const json& rel = res["relatedLocations"][0];
  EXPECT_EQ(rel["physicalLocation"]["artifactLocation"]["uri"], "file:///elsewhere/x.h");
  EXPECT_FALSE(rel["physicalLocation"]["artifactLocation"].contains("uriBaseId"));
  EXPECT_FALSE(rel["physicalLocation"]["region"].contains("startColumn"));
  EXPECT_EQ(rel["message"]["text"], "declared here");
  EXPECT_EQ(res["partialFingerprints"]["lineHash/v1"], "abc");
}

TEST(SarifLog, CodeFlowsAndFixes) {
  Log log(TwoRules(), "/p");
  Result r;
  r.rule_id = "demo-a";
  r.message = "Two tasks.";
  r.locations.push_back({"/p/a.cc", {1, 1, 0, 0}, ""});
  CodeFlow flow;
  flow.message = "the race";
  flow.thread_flows.push_back({"task 1", {{"/p/a.cc", {4, 2, 0, 0}, "write"}}});
  flow.thread_flows.push_back({"task 2", {{"/p/b.cc", {9, 0, 0, 0}, "read"}}});
  r.code_flows.push_back(flow);
  r.fixes.push_back({"Add a lock.", {{"/p/a.cc", {4, 2, 4, 2}, "lock(); "},
                                     {"/p/b.cc", {9, 1, 9, 3}, ""},
                                     {"/p/a.cc", {5, 1, 5, 1}, "unlock();"}}});
  log.AddResult(r);
  json res = json::parse(log.ToJson())["runs"][0]["results"][0];
  const json& threads = res["codeFlows"][0]["threadFlows"];
  ASSERT_EQ(threads.size(), 2u);
  EXPECT_EQ(threads[1]["message"]["text"], "task 2");
  EXPECT_EQ(threads[0]["locations"][0]["location"]["message"]["text"], "write");
  EXPECT_EQ(threads[1]["locations"][0]["location"]["physicalLocation"]["artifactLocation"]["uri"],
            "b.cc");
  const json& changes = res["fixes"][0]["artifactChanges"];
  ASSERT_EQ(changes.size(), 2u);  // grouped by file, in first-seen order
  EXPECT_EQ(changes[0]["replacements"].size(), 2u);
  EXPECT_EQ(changes[0]["replacements"][0]["insertedContent"]["text"], "lock(); ");
  EXPECT_EQ(changes[0]["replacements"][0]["deletedRegion"]["endColumn"], 2);
}

TEST(SarifLog, NotificationsMarkTheRun) {
  Log log(TwoRules(), "");
  log.AddNotification(Level::kError, "Could not read x.", {"/tmp/x", {}, ""});
  log.SetExecutionSuccessful(false);
  json run = json::parse(log.ToJson())["runs"][0];
  EXPECT_FALSE(run.contains("originalUriBaseIds"));
  const json& inv = run["invocations"][0];
  EXPECT_FALSE(inv["executionSuccessful"]);
  EXPECT_EQ(inv["toolExecutionNotifications"][0]["level"], "error");
  EXPECT_EQ(inv["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]
               ["artifactLocation"]["uri"],
            "file:///tmp/x");
}

TEST(SarifLog, PercentEncodesPaths) {
  EXPECT_EQ(PercentEncodePath("a/b-c_d.e~f"), "a/b-c_d.e~f");
  EXPECT_EQ(PercentEncodePath("a b/#x%"), "a%20b/%23x%25");
}

}  // namespace
}  // namespace ccsp::sarif
