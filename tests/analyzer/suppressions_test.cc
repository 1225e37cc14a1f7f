// TSan-format suppressions: parsing, template matching, and which report parts each type
// looks at.
#include "analyzer/reports/suppressions.h"

#include <gtest/gtest.h>

namespace ccsp::analyzer {
namespace {

TEST(TemplateMatch, SubstringByDefault) {
  EXPECT_TRUE(TemplateMatch("foo", "a::foo::b"));
  EXPECT_FALSE(TemplateMatch("foo", "fo"));
  EXPECT_FALSE(TemplateMatch("foo", ""));
}

TEST(TemplateMatch, Anchors) {
  EXPECT_TRUE(TemplateMatch("^foo", "foobar"));
  EXPECT_FALSE(TemplateMatch("^foo", "xfoo"));
  EXPECT_TRUE(TemplateMatch("bar$", "foobar"));
  EXPECT_FALSE(TemplateMatch("bar$", "barfoo"));
  EXPECT_TRUE(TemplateMatch("^foo$", "foo"));
  EXPECT_FALSE(TemplateMatch("^foo$", "foofoo"));
}

TEST(TemplateMatch, Stars) {
  EXPECT_TRUE(TemplateMatch("a*c", "abbbc"));
  EXPECT_TRUE(TemplateMatch("^std::*::push_back$", "std::vector<int>::push_back"));
  EXPECT_FALSE(TemplateMatch("^std::*::push_back$", "std::vector<int>::push_back_x"));
  EXPECT_TRUE(TemplateMatch("*", "anything"));
  EXPECT_TRUE(TemplateMatch("src/*.cc", "/home/u/src/a.cc"));
  EXPECT_TRUE(TemplateMatch("ab*b$", "abxab"));  // the last piece may start later
}

Finding Race(const std::string& top, const std::string& caller, const std::string& file) {
  Finding f;
  f.kind = FindingKind::kDataRace;
  AccessDesc a;
  a.stack = {Frame{top, file, 1, 1, "/lib/libfoo.so"}, Frame{caller, file, 2, 1, "/bin/app"}};
  f.accesses = {a, a};
  TaskDesc t;
  t.id = TaskId(2);
  t.name = "net-worker";
  t.creation_stack = {Frame{"spawn_workers", "main.cc", 9, 1, ""}};
  f.tasks = {t};
  f.location.kind = LocationKind::kGlobal;
  f.location.name = "g_counter";
  return f;
}

TEST(Suppressions, ParsesTsanFormat) {
  auto s = Suppressions::Parse("# comment\n\nrace:foo\n  race_top:^bar$  \nthread:net\n"
                               "called_from_lib:libfoo.so\ndeadlock:lock_both\n", "supp.txt");
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(s->entries().size(), 5u);
  EXPECT_EQ(s->entries()[1].type, "race_top");
  EXPECT_EQ(s->entries()[1].pattern, "^bar$");
}

TEST(Suppressions, UnknownTypeIsAnErrorWithLine) {
  auto s = Suppressions::Parse("race:x\nbogus:y\n", "supp.txt");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("supp.txt:2"), std::string::npos);
  EXPECT_NE(s.error().message.find("bogus"), std::string::npos);
}

TEST(Suppressions, MissingColonIsAnError) {
  EXPECT_FALSE(Suppressions::Parse("race\n", "s").ok());
}

TEST(Suppressions, RaceMatchesAnyFrameFileOrGlobal) {
  for (const char* pat : {"race:helper", "race:caller", "race:util.h", "race:g_counter"}) {
    auto s = Suppressions::Parse(pat, "s");
    ASSERT_TRUE(s.ok());
    Finding f = Race("helper", "caller", "util.h");
    EXPECT_NE(s->Match(f), nullptr) << pat;
  }
  auto s = Suppressions::Parse("race:nothere", "s");
  Finding f = Race("helper", "caller", "util.h");
  EXPECT_EQ(s->Match(f), nullptr);
}

TEST(Suppressions, RaceTopMatchesOnlyTheTopFrame) {
  auto s = Suppressions::Parse("race_top:caller", "s");
  Finding f = Race("helper", "caller", "util.h");
  EXPECT_EQ(s->Match(f), nullptr);
  auto s2 = Suppressions::Parse("race_top:^helper$", "s");
  EXPECT_NE(s2->Match(f), nullptr);
}

TEST(Suppressions, ThreadMatchesNameOrCreationStack) {
  Finding f = Race("a", "b", "c");
  EXPECT_NE(Suppressions::Parse("thread:net-worker", "s")->Match(f), nullptr);
  EXPECT_NE(Suppressions::Parse("thread:spawn_workers", "s")->Match(f), nullptr);
  EXPECT_EQ(Suppressions::Parse("thread:other", "s")->Match(f), nullptr);
}

TEST(Suppressions, CalledFromLibMatchesModule) {
  Finding f = Race("a", "b", "c");
  EXPECT_NE(Suppressions::Parse("called_from_lib:libfoo.so", "s")->Match(f), nullptr);
  EXPECT_EQ(Suppressions::Parse("called_from_lib:libbar.so", "s")->Match(f), nullptr);
}

TEST(Suppressions, DeadlockMatchesAllAsleepStacksOnly) {
  Finding f;
  f.kind = FindingKind::kAllAsleep;
  TaskDesc t;
  t.stack = {Frame{"lock_both", "d.cc", 1, 1, ""}};
  f.tasks = {t};
  EXPECT_NE(Suppressions::Parse("deadlock:lock_both", "s")->Match(f), nullptr);
  EXPECT_EQ(Suppressions::Parse("race:lock_both", "s")->Match(f), nullptr);
}

TEST(Suppressions, ApplyMarksAndCountsHits) {
  auto s = Suppressions::Parse("race:helper", "s");
  std::vector<Finding> fs = {Race("helper", "x", "y"), Race("other", "x", "y")};
  fs[0].count = 3;
  s->Apply(fs);
  EXPECT_TRUE(fs[0].suppressed);
  EXPECT_EQ(fs[0].suppressed_by, "race:helper");
  EXPECT_FALSE(fs[1].suppressed);
  EXPECT_EQ(s->entries()[0].hits, 3u);
}

}  // namespace
}  // namespace ccsp::analyzer
