// Channel ownership: the owner creates, writes and closes; consumers only read. The function that
// creates the channel starts the only task that writes to it, that task closes it when done, and
// consumers get a view that can only receive, which rules out send-on-closed and double-close
// panics by construction; they only have to handle a closed channel. ccsp::chan has no receive-only
// type, so `Receiver` provides one. Owner and consumer meet only through the channel: ccsp reports
// no race.
//
// EXPECT: no-race
// EXPECT: stdout Received 5
// EXPECT: stdout Done receiving!
#include <ccsp/ccsp.hpp>
#include <cstdio>

// A receive-only view of a channel (Go's <-chan T).
template <class T>
class Receiver {
 public:
  explicit Receiver(ccsp::chan<T> ch) : ch_(std::move(ch)) {}
  std::optional<T> recv() const { return ch_.recv(); }
  auto begin() const { return ch_.begin(); }
  auto end() const { return ch_.end(); }

 private:
  ccsp::chan<T> ch_;
};

// Creates the channel, writes it from one task, closes it: the whole life of the channel.
Receiver<int> chan_owner() {
  ccsp::chan<int> results(5);
  ccsp::go([results] {
    for (int i = 0; i <= 5; ++i) results.send(i);
    results.close();
  });
  return Receiver<int>(results);
}

int main() {
  for (int v : chan_owner()) std::printf("Received %d\n", v);
  std::printf("Done receiving!\n");
}
