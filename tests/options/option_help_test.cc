// What the options component prints and expands: the help=1 list (every option, its default
// and meaning, the current value when it differs), value formatting, the bounded text buffer
// and the trace_path %p expansion shared by the runtime and `ccsp-analyze run`.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>

#include "ccsp_options/option_text.h"
#include "ccsp_options/trace_path.h"

namespace ccsp::options {
namespace {

size_t Lines(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST(OptionHelp, ListsEveryOptionWithDefaultAndMeaning) {
  std::string help = HelpText();
  EXPECT_EQ(help.rfind("ccsp: CCSP_OPTIONS=key=value:key=value", 0), 0u) << help;
  EXPECT_EQ(Lines(help), kOptionCount + 1);
  const Options defaults;
  for (size_t i = 0; i < kOptionCount; ++i) {
    std::string start = "\n  " + std::string(kOptionInfo[i].name) + "=" +
                        ValueText(defaults, static_cast<OptionId>(i)) + " ";
    size_t at = help.find(start);
    ASSERT_NE(at, std::string::npos) << start << "\n" << help;
    std::string line = help.substr(at + 1, help.find('\n', at + 1) - at - 1);
    EXPECT_EQ(line.substr(line.size() - std::string(kOptionInfo[i].meaning).size()), kOptionInfo[i].meaning);
  }
  EXPECT_EQ(help.find("[now:"), std::string::npos);
  EXPECT_NE(help.find("\n  exitcode=66" + std::string(18, ' ') + "exit status"), std::string::npos) << help;
}

TEST(OptionHelp, ShowsTheCurrentValueWhereItDiffers) {
  ParsedOptions p = ParseOptionsText("exitcode=7:help=1");
  std::string help = HelpText(p.values);
  EXPECT_NE(help.find("when it reports anything [now: 7]\n"), std::string::npos) << help;
  EXPECT_NE(help.find("then run on [now: 1]\n"), std::string::npos) << help;
  EXPECT_EQ(help.find("[now: 0]"), std::string::npos);
}

TEST(OptionFormat, ValuesAsTheTraceStoresThem) {
  ParsedOptions p = ParseOptionsText("watchdog=false:verbosity=2:suppressions=a b.txt");
  EXPECT_EQ(ValueText(p.values, OptionId::watchdog), "0");
  EXPECT_EQ(ValueText(p.values, OptionId::filter), "1");
  EXPECT_EQ(ValueText(p.values, OptionId::verbosity), "2");
  EXPECT_EQ(ValueText(p.values, OptionId::suppressions), "a b.txt");
  EXPECT_EQ(ValueText(p.values, OptionId::trace_path), "ccsp-trace.%p.bin");
}

TEST(OptionFormat, TextOutCutsAtCapacityAndStaysTerminated) {
  char small[4];
  TextOut t(small, sizeof small);
  t.Put("abcdef").PutDec(12345);
  EXPECT_STREQ(t.c_str(), "abc");
  EXPECT_EQ(t.size(), 3u);
  char digits[32];
  TextOut d(digits, sizeof digits);
  d.PutDec(0).Put(" ").PutDec(18446744073709551615u).PadTo(25).Put("|");
  EXPECT_STREQ(d.c_str(), "0 18446744073709551615   |");
}

// The component's README lists every option: a new table line without its row fails here.
TEST(OptionHelp, ReadmeListsEveryOption) {
  std::ifstream in(CCSP_OPTIONS_README);
  std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(readme.empty()) << CCSP_OPTIONS_README;
  for (const OptionInfo& i : kOptionInfo)
    EXPECT_NE(readme.find("\n| `" + std::string(i.name) + "` | "), std::string::npos) << i.name;
}

std::string TracePath(const char* pattern, uint64_t pid, bool fork_child) {
  char data[256];
  TextOut t(data, sizeof data);
  FormatTracePath(pattern, pid, fork_child, t);
  return t.c_str();
}

TEST(TracePath, ExpandsPidAndSeparatesForkChildren) {
  EXPECT_EQ(TracePath("ccsp-trace.%p.bin", 42, false), "ccsp-trace.42.bin");
  EXPECT_EQ(TracePath("ccsp-trace.%p.bin", 42, true), "ccsp-trace.42.bin");
  EXPECT_EQ(TracePath("/tmp/t.bin", 42, false), "/tmp/t.bin");
  EXPECT_EQ(TracePath("/tmp/t.bin", 42, true), "/tmp/t.bin.42");
  EXPECT_EQ(TracePath("%p/%p", 7, false), "7/7");
  EXPECT_EQ(TracePath("100%", 7, true), "100%.7");
}

}  // namespace
}  // namespace ccsp::options
