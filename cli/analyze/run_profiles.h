// `ccsp-analyze run --profile=mutex,block,cpu,timeline,...`: the profiles a run writes next to
// its report (in the --output file's directory, else the current one), named by type
// (mutex.pb.gz, ..., timeline.json). Their consumers join the run's one analysis replay.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analyzer/profiles/profile_run.h"

namespace ccsp::cli {

class RunProfiles {
 public:
  // Checks the names and that every file can be written (before the program runs); false after
  // printing one error line.
  bool Prepare(const std::vector<std::string>& names, const std::string& report_output);
  bool empty() const { return jobs_.empty() && timeline_path_.empty(); }
  // Consumers to add to the replay (valid until Write). False after printing an error.
  bool Start(std::vector<analyzer::Consumer*>* consumers);
  // After the replay: writes every profile, one note each; false after printing an error.
  bool Write();

 private:
  std::vector<analyzer::ProfileJob> jobs_;
  std::vector<std::unique_ptr<analyzer::ProfileConsumer>> consumers_;
  std::string timeline_path_;
  std::unique_ptr<profiles::ChromeTraceWriter> writer_;
  std::unique_ptr<analyzer::TimelineConsumer> timeline_;
};

}  // namespace ccsp::cli
