// Inlining control for the analyzer's per-event path (stream decoding, the replay loop, the
// shadow-memory fast path): at -O2 the compiler's size heuristics leave these as calls, and
// at tens of millions of events per second every call and spill shows.
#pragma once

#define CCSP_HOT_INLINE inline __attribute__((always_inline))
