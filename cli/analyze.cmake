# ccsp-analyze: the analyzer's command line (CLI11). One file per subcommand; no analysis
# logic here, only argument handling, process control and output routing.
find_package(CLI11 REQUIRED)
add_executable(ccsp-analyze
  analyze/main.cc
  analyze/analyze_subcommand.cc
  analyze/dump_subcommand.cc
  analyze/profile_subcommand.cc
  analyze/run_profiles.cc
  analyze/run_subcommand.cc
  analyze/timeline_subcommand.cc
  analyze/common.cc
  analyze/progress.cc
)
target_link_libraries(ccsp-analyze PRIVATE ccsp_analyzer ccsp_profile_consumers ccsp_options CLI11::CLI11)
if(COMMAND ccsp_analyzer_sanitize)
  ccsp_analyzer_sanitize(ccsp-analyze)
endif()
