// Writes a SARIF log that uses every part of the writer (rules, related locations, code
// flows, fixes, fingerprints, notifications) to the file named on the command line, for the
// Microsoft SARIF validator test (vet_cli.py sarif-validate).
#include <fstream>
#include <iostream>

#include "analyzer/sarif/sarif_log.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: ccsp_sarif_example OUT.sarif SOURCE_ROOT\n";
    return 2;
  }
  using namespace ccsp::sarif;
  std::string root = argv[2];
  Tool tool;
  tool.name = "ccsp-sarif-example";
  tool.version = "0.1.0";
  tool.information_uri = "https://example.com/ccsp";
  tool.rules = {{"race", "DataRace", "Two tasks access memory unordered.", "",
                 "Order the accesses.", "https://example.com/race", Level::kError}};
  Log log(tool, root);
  Result r;
  r.rule_id = "race";
  r.level = Level::kError;
  r.message = "Data race on 'counter'.";
  r.locations.push_back({root + "/src/a.cc", {10, 3, 10, 12}, ""});
  r.related_locations.push_back({root + "/src/a.cc", {4, 1, 0, 0}, "'counter' is declared here."});
  r.code_flows.push_back({"Two unordered accesses.",
                          {{"Task 1.", {{root + "/src/a.cc", {10, 3, 0, 0}, "Write."}}},
                           {"Task 2.", {{root + "/src/b.cc", {7, 5, 0, 0}, "Read."}}}}});
  r.fixes.push_back({"Lock the mutex.", {{root + "/src/a.cc", {10, 3, 10, 3}, "lock(); "}}});
  r.partial_fingerprints["example/v1"] = "0123456789abcdef";
  log.AddResult(r);
  log.AddNotification(Level::kWarning, "A note for the run.", {root + "/src/c.cc", {}, ""});
  std::ofstream out(argv[1]);
  out << log.ToJson();
  return out ? 0 : 1;
}
