// Wait-group misuse, influxdb-client-go issue #30, NATURAL run: the server accepts the
// writes, every flush says done and stop returns. What strands stop is an input (a server
// error), not a schedule. NOT PREDICTED: the early return is on a path this run did not take.
// EXPECT: nothing
#include <ccsp/ccsp.hpp>
#include <string>
#include <vector>

struct Writer {
  ccsp::wait_group wg;
  bool server_down = false;
  int written = 0;
  std::string last_error;

  bool post(const std::vector<int>& batch) { return !server_down && !batch.empty(); }
  void flush(std::vector<int> batch) {
    wg.add(1);
    ccsp::go([this, batch] {
      if (!post(batch)) {
        last_error = "write failed";
        return;  // the bug: an early return skips done
      }
      written += static_cast<int>(batch.size());
      wg.done();
    });
  }
  void stop() { wg.wait(); }
};

int main() {
  auto* w = new Writer;
  w->flush({1, 2, 3});
  w->stop();
}
