// What every detector needs to turn engine state into a Finding, in one place: stack
// expansion (trie + site table), where an address lives (global, heap block with its
// allocation stack, a task's stack), who a task is (creation site, state), and the
// de-duplicated finding set. Detectors build findings only through it, so every report kind
// describes tasks, stacks and locations the same way.
#pragma once

#include <cstdint>

#include "analyzer/findings/finding_set.h"
#include "analyzer/findings/findings.h"
#include "analyzer/findings/symbolizer.h"
#include "analyzer/hb/engine.h"

namespace ccsp::analyzer {

class ReportContext {
 public:
  ReportContext(const Engine& engine, FindingSet& findings)
      : engine_(engine), symbolizer_(engine.meta()), findings_(findings) {}

  const Engine& engine() const { return engine_; }
  const Symbolizer& symbolizer() const { return symbolizer_; }
  FindingSet& findings() { return findings_; }

  // The stack of an event at `site` in a task whose shadow stack is `stack`.
  Stack ExpandStack(StackId stack, SiteId site) const {
    return symbolizer_.Expand(engine_.trie(), stack, site);
  }
  // The global, heap block or task stack holding addr, as the engine knows it now.
  Location Describe(uint64_t addr) const;
  // A block that starts at `start` (one being freed, no longer among the live blocks).
  Location DescribeBlock(uint64_t start, const HeapBlock& b) const;
  // The task's id, name, creation stack and state.
  TaskDesc DescribeTask(TaskId id) const;
  // The same, with what the task is blocked in (operation, object, stack).
  TaskDesc DescribeBlocked(const Task& t) const;

 private:
  const Engine& engine_;
  Symbolizer symbolizer_;
  FindingSet& findings_;
};

}  // namespace ccsp::analyzer
