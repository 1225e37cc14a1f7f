// Wait-group misuse, influxdb-client-go issue #30, FIXED as upstream did: done is deferred
// (here a scope guard), so every return path says done. Run with the server rejecting.
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
      struct Done {
        ccsp::wait_group& wg;
        ~Done() { wg.done(); }
      } done{wg};  // Go: defer wg.Done()
      if (!post(batch)) {
        last_error = "write failed";
        return;
      }
      written += static_cast<int>(batch.size());
    });
  }
  void stop() { wg.wait(); }
};

int main() {
  auto* w = new Writer;
  w->server_down = true;
  w->flush({1, 2, 3});
  w->stop();
}
