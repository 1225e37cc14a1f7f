// The or-done channel: ranging over a channel you do not own, while watching done. You cannot know
// whether a foreign channel's producer stops when your done channel closes, so every receive must
// also watch done; or_done wraps that select in a stage of its own and gives the consumer back a
// plain `for (auto v : or_done(done, c))` loop that ends when either c or done closes. Here the
// producer never closes its channel and main stops after five values. ccsp reports no race.
//
// EXPECT: no-race
// EXPECT: stdout 0 1 2 3 4
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <variant>

using Done = ccsp::chan<std::monostate>;

// Receives from c until c is closed or done is, forwarding every value.
template <class T>
ccsp::chan<T> or_done(Done done, ccsp::chan<T> c) {
  ccsp::chan<T> out;
  ccsp::go([=] {
    bool running = true;
    while (running) {
      ccsp::select(ccsp::recv_case(done, [&] { running = false; }),
                   ccsp::recv_case(c, [&](std::optional<T> v) {
                     if (!v) {
                       running = false;
                       return;
                     }
                     ccsp::select(ccsp::send_case(out, std::move(*v)),
                                  ccsp::recv_case(done, [&] { running = false; }));
                   }));
    }
    out.close();
  });
  return out;
}

int main() {
  Done done, producer_done;
  ccsp::chan<int> numbers;  // its producer never closes it
  ccsp::go([=] {
    for (int i = 0;; ++i) {
      if (ccsp::select(ccsp::send_case(numbers, i), ccsp::recv_case(producer_done)) == 1) break;
    }
  });

  int seen = 0;
  for (int v : or_done(done, numbers)) {
    std::printf("%d ", v);
    if (++seen == 5) done.close();  // the loop ends soon after: or_done closes its output
  }
  std::printf("\n");
  producer_done.close();
}
