// Wait-group misuse outside GoBench (GoKer has one bug of this kind, moby#25384):
// influxdb-client-go issue #30. The writer adds one to its wait group per batch it flushes
// in a task; the task returns early when the server answers with an error, skipping done,
// so stop's wait never returns. FORCED: the server rejects the batch: every task is asleep.
// EXPECT: all-asleep 29
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
  void stop() {
    wg.wait();  // (A) the failed flush never said done
  }
};

int main() {
  auto* w = new Writer;
  w->server_down = true;  // forcing: the server rejects the write
  w->flush({1, 2, 3});
  w->stop();
}
