// CPU profile (cpu_profile.h). The sampling rate comes from the trace's own kMetaOption
// records, so the period is what the program was recorded with.
#include "analyzer/profiles/cpu_profile.h"

#include <cstdlib>

namespace ccsp::analyzer {

void CpuProfile::OnSample(const Task&, const trace::Record& r, StackId stack) {
  auto& row = table_.At(stack, SiteId::kUnknown);
  row[0] += r.count;
  row[1] += static_cast<int64_t>(r.arg1);
  samples_ += r.count;
}

std::string CpuProfile::Build(const Engine& engine, profiles::PprofProfile& p) {
  const Metadata& meta = engine.meta();
  const std::string* hz_text = nullptr;
  for (const auto& [key, value] : meta.options)
    if (meta.String(key) == "cpu_profile_hz") hz_text = &meta.String(value);
  const std::string& name = engine.file().name();
  if (!hz_text)
    return name + ": the trace has no CPU samples (recorded by a runtime without CPU sampling)";
  uint64_t hz = std::strtoull(hz_text->c_str(), nullptr, 10);
  if (hz == 0)
    return name + ": the trace was recorded with cpu_profile_hz=0, so it has no CPU samples "
                  "(record again with CCSP_OPTIONS=cpu_profile_hz=100, the default)";
  p.AddSampleType("samples", "count");
  p.AddSampleType("cpu", "nanoseconds");
  p.SetDefaultSampleType("cpu");
  p.SetPeriod("cpu", "nanoseconds", static_cast<int64_t>(1000000000 / hz));
  DescribeTrace(engine, p);
  p.AddComment("ccsp CPU profile: " + std::to_string(hz) + " samples per second of each task's CPU time");
  ProfileStacks stacks(engine, p);
  table_.ForEach([&](StackId stack, SiteId site, const StackTable<2>::Row& row) {
    p.AddSample(stacks.Locations(stack, site), row);
  });
  if (samples_ == 0)
    Warn(name + ": no CPU samples (the program used less than one sampling period of CPU time)");
  return {};
}

}  // namespace ccsp::analyzer
