// A stand-in for gtest's ASSERT_TRUE: a library (system) header whose macro hides a return.
#pragma once
#pragma clang system_header

#define FAKE_ASSERT_TRUE(cond) \
  if (!(cond)) return
