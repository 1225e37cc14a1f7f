// Lexical confinement: each task can only name the data it may touch. The channel owner keeps its
// channel in its own scope, and two tasks each upper-case their own std::span of one buffer ("go"
// and "lang"), so no task can even name the other's bytes. The two halves are adjacent bytes of one
// word, which ccsp tracks byte by byte: it reports no race, as ThreadSanitizer does. Compare
// confinement_adhoc.cpp.
//
// EXPECT: no-race
// EXPECT: stdout GOLANG
// EXPECT: stdout 0 1 2 3 4 5
#include <ccsp/ccsp.hpp>
#include <cctype>
#include <cstdio>
#include <span>

// The channel is created, written and closed inside this scope; callers can only read it.
ccsp::chan<int> chan_owner() {
  ccsp::chan<int> results(5);
  ccsp::go([results] {
    for (int i = 0; i <= 5; ++i) results.send(i);
    results.close();
  });
  return results;
}

void shout(std::span<char> part, ccsp::wait_group& wg) {
  for (char& c : part) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  wg.done();
}

int main() {
  for (int v : chan_owner()) std::printf("%d ", v);
  std::printf("\n");

  char buffer[] = "golang";
  std::span<char> text(buffer, 6);
  ccsp::wait_group wg;
  wg.add(2);
  ccsp::go(shout, text.first(2), std::ref(wg));
  ccsp::go(shout, text.subspan(2), std::ref(wg));
  wg.wait();
  std::printf("%s\n", buffer);
}
