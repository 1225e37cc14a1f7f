// main receives from a channel nobody sends to: all tasks are asleep.
// EXPECT: all-asleep
#include <ccsp/ccsp.hpp>

int main() {
  ccsp::chan<int> ch;
  ch.recv();  // (A) blocks forever
}
