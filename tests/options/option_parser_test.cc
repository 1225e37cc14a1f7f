// The CCSP_OPTIONS parser (rtlib/options/option_parser.h) against its table: every type and
// range edge, a later item winning, and every kind of bad item being skipped with a message
// while the rest of the text still applies.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "ccsp_options/option_text.h"

namespace ccsp::options {
namespace {

ParsedOptions Parse(const std::string& text) { return ParseOptionsText(text); }

TEST(OptionTable, NamesAreUniqueAndDefaultsAreTheStructs) {
  std::set<std::string> names;
  for (const OptionInfo& i : kOptionInfo) {
    EXPECT_TRUE(names.insert(i.name).second) << i.name;
    EXPECT_FALSE(std::string(i.meaning).empty()) << i.name;
    EXPECT_EQ(std::string(i.meaning).find('\n'), std::string::npos) << i.name;
  }
  EXPECT_EQ(names.size(), kOptionCount);
  const Options o;
  EXPECT_STREQ(o.trace_path, "ccsp-trace.%p.bin");
  EXPECT_TRUE(o.watchdog);
  EXPECT_EQ(o.watchdog_interval_ms, 100u);
  EXPECT_TRUE(o.filter);
  EXPECT_TRUE(o.runs);
  EXPECT_EQ(o.exitcode, 66u);
  EXPECT_STREQ(o.suppressions, "");
  EXPECT_EQ(o.verbosity, 0u);
  EXPECT_FALSE(o.help);
}

TEST(OptionTable, EveryDefaultParsesBackToItself) {
  const Options defaults;
  for (size_t i = 0; i < kOptionCount; ++i) {
    OptionId id = static_cast<OptionId>(i);
    std::string text = std::string(kOptionInfo[i].name) + "=" + ValueText(defaults, id);
    ParsedOptions p = Parse(text);
    if (kOptionInfo[i].type == OptionType::kPath && kOptionInfo[i].lo > 0 && ValueText(defaults, id).empty())
      continue;
    EXPECT_TRUE(p.problems.empty()) << text << ": " << p.problems[0];
    EXPECT_TRUE(p.summary.IsSet(id)) << text;
    EXPECT_EQ(ValueText(p.values, id), ValueText(defaults, id)) << text;
  }
}

TEST(OptionParser, SetsEveryType) {
  ParsedOptions p = Parse(
      "trace_path=/tmp/x.%p.bin:watchdog=0:watchdog_interval_ms=25:filter=false:runs=no:"
      "cpu_profile_hz=50:exitcode=7:suppressions=supp.txt:verbosity=2:help=yes");
  EXPECT_TRUE(p.problems.empty());
  EXPECT_EQ(p.summary.problems, 0u);
  EXPECT_EQ(p.summary.set, (uint64_t{1} << kOptionCount) - 1);  // every option named once
  EXPECT_STREQ(p.values.trace_path, "/tmp/x.%p.bin");
  EXPECT_FALSE(p.values.watchdog);
  EXPECT_EQ(p.values.watchdog_interval_ms, 25u);
  EXPECT_FALSE(p.values.filter);
  EXPECT_FALSE(p.values.runs);
  EXPECT_EQ(p.values.cpu_profile_hz, 50u);
  EXPECT_EQ(p.values.exitcode, 7u);
  EXPECT_STREQ(p.values.suppressions, "supp.txt");
  EXPECT_EQ(p.values.verbosity, 2u);
  EXPECT_TRUE(p.values.help);
}

TEST(OptionParser, BoolSpellings) {
  for (const char* on : {"1", "true", "yes"}) EXPECT_TRUE(Parse(std::string("help=") + on).values.help) << on;
  for (const char* off : {"0", "false", "no"}) EXPECT_FALSE(Parse(std::string("watchdog=") + off).values.watchdog);
  for (const char* bad : {"", "2", "on", "TRUE", "y", " 1x"}) {
    ParsedOptions p = Parse(std::string("watchdog=0:watchdog=") + bad);
    EXPECT_FALSE(p.values.watchdog) << bad;  // the earlier item stands
    EXPECT_EQ(p.problems.size(), 1u) << bad;
  }
}

TEST(OptionParser, LaterItemWinsAndUnsetOptionsKeepDefaults) {
  ParsedOptions p = Parse("exitcode=3:exitcode=4");
  EXPECT_EQ(p.values.exitcode, 4u);
  EXPECT_TRUE(p.summary.IsSet(OptionId::exitcode));
  EXPECT_FALSE(p.summary.IsSet(OptionId::trace_path));
  EXPECT_STREQ(p.values.trace_path, "ccsp-trace.%p.bin");
}

TEST(OptionParser, BlanksAndEmptyItemsAreIgnored) {
  ParsedOptions p = Parse("  watchdog=0 ::\t exitcode=3\n: :");
  EXPECT_TRUE(p.problems.empty()) << p.problems[0];
  EXPECT_FALSE(p.values.watchdog);
  EXPECT_EQ(p.values.exitcode, 3u);
  EXPECT_EQ(Parse("").summary.set, 0u);
  Options o;
  ParseSummary none = ParseOptions(nullptr, 0, &o, [](const Problem&) { ADD_FAILURE(); });
  EXPECT_EQ(none.set, 0u);
  EXPECT_EQ(none.problems, 0u);
}

TEST(OptionParser, UintRangeEdges) {
  EXPECT_EQ(Parse("exitcode=0").values.exitcode, 0u);
  EXPECT_EQ(Parse("exitcode=255").values.exitcode, 255u);
  EXPECT_EQ(Parse("watchdog_interval_ms=1").values.watchdog_interval_ms, 1u);
  EXPECT_EQ(Parse("watchdog_interval_ms=3600000").values.watchdog_interval_ms, 3600000u);
  EXPECT_EQ(Parse("exitcode=007").values.exitcode, 7u);
  for (const char* bad : {"exitcode=256", "exitcode=-1", "exitcode=", "exitcode=7x", "exitcode=0x7",
                          "exitcode=99999999999999999999", "exitcode= 7", "watchdog_interval_ms=0",
                          "watchdog_interval_ms=3600001", "verbosity=3"}) {
    ParsedOptions p = Parse(bad);
    ASSERT_EQ(p.problems.size(), 1u) << bad;
    EXPECT_EQ(p.summary.set, 0u) << bad;
    EXPECT_EQ(p.values.exitcode, 66u) << bad;
    EXPECT_EQ(p.values.watchdog_interval_ms, 100u) << bad;
    EXPECT_EQ(p.values.verbosity, 0u) << bad;
  }
}

TEST(OptionParser, PathLengths) {
  EXPECT_STREQ(Parse("suppressions=").values.suppressions, "");  // may be empty
  EXPECT_TRUE(Parse("suppressions=").summary.IsSet(OptionId::suppressions));
  std::string longest(1023, 'p'), too_long(1024, 'p');
  EXPECT_EQ(std::string(Parse("trace_path=" + longest).values.trace_path), longest);
  ParsedOptions p = Parse("trace_path=" + too_long);
  EXPECT_STREQ(p.values.trace_path, "ccsp-trace.%p.bin");  // never a cut path
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_NE(p.problems[0].find("(expected a path of 1..1023 bytes)"), std::string::npos);
  EXPECT_EQ(Parse("trace_path=").problems.size(), 1u);  // must not be empty
  EXPECT_STREQ(Parse("trace_path=a=b").values.trace_path, "a=b");  // the first '=' splits
}

TEST(OptionParser, UnknownOptionNamesItAndListsTheValidOnes) {
  ParsedOptions p = Parse("no_such_option=1:exitcode=9");
  EXPECT_EQ(p.values.exitcode, 9u);  // the rest still applies
  EXPECT_EQ(p.summary.problems, 1u);
  ASSERT_EQ(p.problems.size(), 1u);
  const std::string& m = p.problems[0];
  EXPECT_EQ(m.rfind("CCSP_OPTIONS: unknown option 'no_such_option' ignored; valid options: trace_path, ", 0), 0u) << m;
  for (const OptionInfo& i : kOptionInfo) EXPECT_NE(m.find(i.name), std::string::npos) << i.name;
  EXPECT_EQ(m.find('\n'), std::string::npos);
  // Prefixes, extensions and case of real names are not names.
  for (const char* near : {"watchdo=1", "watchdogs=1", "Watchdog=1", "=1", "trace=1"})
    EXPECT_EQ(Parse(near).problems.size(), 1u) << near;
}

TEST(OptionParser, BadValueSaysWhatWasExpectedAndWhatIsKept) {
  ParsedOptions p = Parse("watchdog_interval_ms=50:watchdog_interval_ms=0");
  EXPECT_EQ(p.values.watchdog_interval_ms, 50u);
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0],
            "CCSP_OPTIONS: bad value '0' for watchdog_interval_ms (expected a number in 1..3600000); "
            "keeping watchdog_interval_ms=50");
  EXPECT_EQ(Parse("runs=maybe").problems.at(0),
            "CCSP_OPTIONS: bad value 'maybe' for runs (expected 0 or 1); keeping runs=1");
}

TEST(OptionParser, ItemWithoutEqualsIsSkipped) {
  ParsedOptions p = Parse("trace_path:exitcode=5");
  EXPECT_EQ(p.values.exitcode, 5u);
  EXPECT_STREQ(p.values.trace_path, "ccsp-trace.%p.bin");
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0], "CCSP_OPTIONS: expected key=value, got 'trace_path'; ignored");
}

TEST(OptionParser, EveryProblemIsReportedInOrder) {
  ParsedOptions p = Parse("a=1:b:exitcode=x:help=1");
  EXPECT_TRUE(p.values.help);
  ASSERT_EQ(p.problems.size(), 3u);
  EXPECT_NE(p.problems[0].find("'a'"), std::string::npos);
  EXPECT_NE(p.problems[1].find("got 'b'"), std::string::npos);
  EXPECT_NE(p.problems[2].find("bad value 'x' for exitcode"), std::string::npos);
  EXPECT_EQ(p.summary.problems, 3u);
}

}  // namespace
}  // namespace ccsp::options
