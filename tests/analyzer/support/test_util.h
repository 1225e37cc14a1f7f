// Helpers for analyzer tests: a fixture owning a temporary trace path, and one-call analysis
// of a finished TraceBuilder.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "analyzer/analysis.h"
#include "trace_builder.h"

namespace ccsp::testing {

class TraceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = TempTracePath(std::string(info->test_suite_name()) + "." + info->name());
    builder_ = std::make_unique<TraceBuilder>(path_);
  }
  void TearDown() override {
    builder_.reset();
    unlink(path_.c_str());
  }
  TraceBuilder& b() { return *builder_; }
  // Finishes the trace and analyzes it; fails the test on an error.
  analyzer::AnalysisResult Analyze(const analyzer::AnalyzeOptions& opts = {}) {
    builder_->Finish();
    auto r = analyzer::AnalyzeFile(path_, opts);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(r.value()) : analyzer::AnalysisResult{};
  }
  size_t Races() { return Analyze().Count(analyzer::FindingKind::kDataRace); }

  std::string path_;
  std::unique_ptr<TraceBuilder> builder_;
};

}  // namespace ccsp::testing
