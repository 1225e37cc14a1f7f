// The profile types `ccsp-analyze profile --type=T` writes, with Go's names and meanings: the
// one table the CLI's help, its parser and the profile consumers share.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace ccsp::analyzer {

enum class ProfileKind { kMutex, kBlock, kTask, kHeap, kAllocs, kCpu };

struct ProfileKindInfo {
  ProfileKind kind;
  std::string_view name;    // as typed after --type= and in --profile= lists
  std::string_view alias;   // another accepted name (Go's), or empty
  std::string_view values;  // what the sample values mean (help text, one line)
  std::string_view file;    // default file name for `run --profile`
};

std::span<const ProfileKindInfo> ProfileKinds();
const ProfileKindInfo& InfoOf(ProfileKind kind);
// By name or alias; nullopt for anything else.
std::optional<ProfileKind> ParseProfileKind(std::string_view name);

}  // namespace ccsp::analyzer
