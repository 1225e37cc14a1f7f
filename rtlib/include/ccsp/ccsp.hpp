// <ccsp/ccsp.hpp>: Go's concurrency building blocks for C++20 — tasks (go), channels and select,
// wait groups, pools, contexts and timers — with Go's semantics. Works in plain programs
// (clang++ -std=c++20 -pthread) and, unchanged, in programs built with ccsp-c++, where every
// operation is recorded with the happens-before edges of Go's memory model.
#pragma once

#include "ccsp/chan.hpp"        // IWYU pragma: export
#include "ccsp/context.hpp"     // IWYU pragma: export
#include "ccsp/go.hpp"          // IWYU pragma: export
#include "ccsp/panic.hpp"       // IWYU pragma: export
#include "ccsp/pool.hpp"        // IWYU pragma: export
#include "ccsp/select.hpp"      // IWYU pragma: export
#include "ccsp/time.hpp"        // IWYU pragma: export
#include "ccsp/wait_group.hpp"  // IWYU pragma: export
