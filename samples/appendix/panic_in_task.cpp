// The anatomy of a task's panic. A task calls ccsp::panic("oh no!") and the program stops the way a
// Go program does: "panic: oh no!", then the stack of the task that panicked, innermost frame
// first, and where that task was started, so you can tell which of many identical tasks it was.
// ccsp records the panic in the trace and the analyzer reports it as misuse of kind panic, with the
// same stacks. An exception escaping a task is reported the same way.
//
// EXPECT: misuse panic 12
// EXPECT: stderr panic: oh no!
#include <ccsp/ccsp.hpp>
#include <variant>

void fail() { ccsp::panic("oh no!"); }

int main() {
  ccsp::chan<std::monostate> never;
  ccsp::go([] { fail(); });
  never.recv();  // the panic ends the program first
}
