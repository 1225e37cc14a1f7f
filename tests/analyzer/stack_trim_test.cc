// Library-frame trimming in text reports: std::thread / std::invoke / ccsp::go start-up frames
// are hidden at the outer end of access stacks and the inner end of creation stacks, never
// the user's frames, and --full-stacks (TextOptions::full_stacks) shows everything.
#include <gtest/gtest.h>

#include "analyzer/reports/stack_trim.h"

namespace ccsp::analyzer {
namespace {

Frame User(const char* fn, uint32_t line) { return Frame{fn, "src/app.cpp", line, 3, ""}; }
Frame Lib(const char* fn, const char* file) { return Frame{fn, file, 61, 14, ""}; }

const char* kInvoke = "/usr/lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/bits/invoke.h";
const char* kThread = "/usr/lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/bits/std_thread.h";
const char* kGo = "rtlib/include/ccsp/go.hpp";

TEST(StackTrim, ClassifiesLibraryFiles) {
  EXPECT_TRUE(IsLibraryFrame(Lib("std::__invoke_impl", kInvoke)));
  EXPECT_TRUE(IsLibraryFrame(Lib("ccsp::detail::GoTask::Run", kGo)));
  EXPECT_TRUE(IsLibraryFrame(Lib("ccsp::go", "/usr/local/include/ccsp/go.hpp")));
  EXPECT_TRUE(IsLibraryFrame(Lib("memcpy", "/usr/include/string.h")));
  EXPECT_TRUE(IsLibraryFrame(Lib("__gthread_mutex_lock",
      "/usr/lib/gcc/x86_64-linux-gnu/12/../../../../include/x86_64-linux-gnu/c++/12/bits/gthr-default.h")));
  EXPECT_FALSE(IsLibraryFrame(User("worker", 17)));
  EXPECT_FALSE(IsLibraryFrame(Lib("worker", "")));  // unknown file: could be the user's
  EXPECT_FALSE(IsLibraryFrame(Lib("f", "src/include/c_plus.h")));
}

TEST(StackTrim, OuterDropsOnlyTheStartupTail) {
  // push_back (library) called by the user's lambda, started by std::thread plumbing.
  Stack s{Lib("std::vector<int>::push_back", "/usr/include/c++/12/bits/stl_vector.h"),
          User("main::$_0::operator()", 17), Lib("std::__invoke_impl", kInvoke),
          Lib("ccsp::detail::GoTask::Run", kGo), Lib("std::thread::_State_impl::_M_run", kThread)};
  FrameRange r = VisibleFrames(s, TrimEnd::kOuter);
  EXPECT_EQ(r.begin, 0u);
  EXPECT_EQ(r.end, 2u);
}

TEST(StackTrim, RecorderFramesAboveABlockingCallAreHiddenAtEveryEnd) {
  // A leaked task's stack: ccsp's recording hooks, the channel API frame, the user's lambda.
  const char* hooks = "rtlib/include/ccsp/detail/hooks.hpp";
  Stack s{Lib("ccsp::detail::Record(ccsp::trace::SyncKind, void const*)", hooks),
          Lib("ccsp::detail::RecordBlockBegin(void const*)", hooks),
          Lib("ccsp::chan<int>::send(int) const", "rtlib/include/ccsp/chan.hpp"),
          User("worker()::$_0::operator()() const", 21), Lib("std::__invoke_impl", kInvoke)};
  EXPECT_TRUE(IsRecorderFrame(s[0]));
  EXPECT_FALSE(IsRecorderFrame(s[2]));
  FrameRange r = VisibleFrames(s, TrimEnd::kOuter);
  EXPECT_EQ(r.begin, 2u);  // chan::send stays, as Go shows runtime.chansend
  EXPECT_EQ(r.end, 4u);
  EXPECT_EQ(VisibleFrames(s, TrimEnd::kBoth).begin, 3u);
}

TEST(StackTrim, InnerDropsTheSpawningLibraryFrames) {
  Stack s{Lib("std::thread::thread", kThread), Lib("ccsp::go", kGo), User("main", 16)};
  FrameRange r = VisibleFrames(s, TrimEnd::kInner);
  EXPECT_EQ(r.begin, 2u);
  EXPECT_EQ(r.end, 3u);
}

TEST(StackTrim, BothEndsForLockAcquisitions) {
  Stack s{Lib("std::mutex::lock", "/usr/include/c++/12/bits/std_mutex.h"), User("print_sum", 27),
          User("main", 40), Lib("std::thread::_State_impl::_M_run", kThread)};
  FrameRange r = VisibleFrames(s, TrimEnd::kBoth);
  EXPECT_EQ(r.begin, 1u);
  EXPECT_EQ(r.end, 3u);
}

TEST(StackTrim, AllLibraryStackIsShownWhole) {
  Stack s{Lib("std::__invoke_impl", kInvoke), Lib("std::thread::_State_impl::_M_run", kThread)};
  FrameRange outer = VisibleFrames(s, TrimEnd::kOuter), inner = VisibleFrames(s, TrimEnd::kInner);
  EXPECT_EQ(outer.begin, 0u);
  EXPECT_EQ(outer.end, 2u);
  EXPECT_EQ(inner.begin, 0u);
  EXPECT_EQ(inner.end, 2u);
  EXPECT_EQ(VisibleFrames(Stack{}, TrimEnd::kOuter).end, 0u);
}

TEST(StackTrim, UserOnlyStackIsUntouched) {
  Stack s{User("worker", 17), User("main", 30)};
  FrameRange r = VisibleFrames(s, TrimEnd::kOuter);
  EXPECT_EQ(r.begin, 0u);
  EXPECT_EQ(r.end, 2u);
}

}  // namespace
}  // namespace ccsp::analyzer
