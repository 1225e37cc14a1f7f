// GoKer grpc#3017 (double locking: a missing unlock), NATURAL schedule: the sub-connection
// is reused well before its timer fires (here the timer is 1 s), NewSubConn stops the
// timer, and the callback's early return never runs.
// NOT PREDICTED: the missing unlock is on a path this run did not take.
// EXPECT: nothing
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

struct Entry {
  int sc = 0;
  bool abort_deleting = false;  // under mu
  std::atomic<int> timer{0};    // 0 armed, 1 stopped, 2 fired (time.Timer's state)
};

struct LbCacheClientConn {
  std::mutex mu;
  std::map<int, Entry*> cache;  // address -> cached sub-connection
  int next_sc = 1;

  void callback(Entry* e) {
    mu.lock();
    if (e->abort_deleting) return;  // the bug: returns holding mu
    cache.erase(1);
    mu.unlock();
  }
  void remove_sub_conn(int sc, std::chrono::milliseconds timeout) {
    std::lock_guard<std::mutex> g(mu);
    auto* e = new Entry;
    e->sc = sc;
    cache[1] = e;
    std::thread([this, e, timeout] {  // time.AfterFunc
      std::this_thread::sleep_for(timeout);
      int armed = 0;
      if (!e->timer.compare_exchange_strong(armed, 2)) return;  // stopped in time
      callback(e);
    })
        .detach();
  }
  int new_sub_conn() {
    std::lock_guard<std::mutex> g(mu);
    auto it = cache.find(1);
    if (it == cache.end()) return next_sc++;
    Entry* e = it->second;
    int armed = 0;
    if (!e->timer.compare_exchange_strong(armed, 1)) e->abort_deleting = true;  // Stop failed
    cache.erase(it);
    return e->sc;
  }
};

int main() {
  auto* ccc = new LbCacheClientConn;
  int sc = ccc->new_sub_conn();
  ccc->remove_sub_conn(sc, 1s);
  sc = ccc->new_sub_conn();  // reused at once: the timer is stopped
  ccc->remove_sub_conn(sc, 1s);
  ccc->new_sub_conn();
}
