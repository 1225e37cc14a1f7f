// The list of checks, in --list-checks order. Adding a check means adding its file, its
// factory's declaration and one entry in Factories(); names and summaries come from the
// checks themselves (CheckInfo), so they are spelled once.

#include "cli/vet/checks/check.h"
#include "cli/vet/checks/finding_sink.h"

namespace ccsp::vet {

std::unique_ptr<Check> MakeLoopClosureCheck(FindingSink& sink);
std::unique_ptr<Check> MakeWaitGroupCheck(FindingSink& sink);
std::unique_ptr<Check> MakeLostCancelCheck(FindingSink& sink);
std::unique_ptr<Check> MakeJoinableCheck(FindingSink& sink);
std::unique_ptr<Check> MakeChanCloseCheck(FindingSink& sink);
std::unique_ptr<Check> MakeSelfDeadlockCheck(FindingSink& sink);
std::unique_ptr<Check> MakeCopyLocksCheck(FindingSink& sink);
std::unique_ptr<Check> MakeCondWaitCheck(FindingSink& sink);

namespace {

using Factory = std::unique_ptr<Check> (*)(FindingSink&);

const std::vector<Factory>& Factories() {
  static const std::vector<Factory> factories = {
      MakeLoopClosureCheck, MakeWaitGroupCheck,    MakeLostCancelCheck, MakeJoinableCheck,
      MakeChanCloseCheck,   MakeSelfDeadlockCheck, MakeCopyLocksCheck,  MakeCondWaitCheck,
  };
  return factories;
}

}  // namespace

const std::vector<CheckInfo>& AllChecks() {
  static const std::vector<CheckInfo> infos = [] {
    std::vector<CheckInfo> out;
    FindingSink unused(false);
    for (Factory f : Factories()) out.push_back(f(unused)->info());
    return out;
  }();
  return infos;
}

std::unique_ptr<Check> MakeCheck(const std::string& name, FindingSink& sink) {
  for (Factory f : Factories()) {
    std::unique_ptr<Check> c = f(sink);
    if (name == c->info().name) return c;
  }
  return nullptr;
}

}  // namespace ccsp::vet
