// GoKer grpc#3017 (double locking: a missing unlock), FIXED as upstream did: the callback
// releases mu on its early return. Run in the forced schedule (the timer fires just before
// NewSubConn cancels it and the callback runs after).
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
  Entry* last = nullptr;
  std::atomic<bool> stop_tried{false};
  std::atomic<int> timers_done{0};

  void callback(Entry* e) {
    std::lock_guard<std::mutex> g(mu);
    if (!e->abort_deleting) cache.erase(1);
  }
  void remove_sub_conn(int sc, std::chrono::milliseconds timeout) {
    std::lock_guard<std::mutex> g(mu);
    auto* e = new Entry;
    e->sc = sc;
    cache[1] = e;
    last = e;
    std::thread([this, e, timeout] {  // time.AfterFunc
      std::this_thread::sleep_for(timeout);
      int armed = 0;
      if (e->timer.compare_exchange_strong(armed, 2)) {
        while (!stop_tried) std::this_thread::sleep_for(1ms);
        callback(e);
      }
      timers_done++;
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
    stop_tried = true;
    cache.erase(it);
    return e->sc;
  }
};

int main() {
  auto* ccc = new LbCacheClientConn;
  int sc = ccc->new_sub_conn();
  ccc->remove_sub_conn(sc, 1ms);
  while (ccc->last->timer != 2) std::this_thread::sleep_for(1ms);
  sc = ccc->new_sub_conn();
  while (ccc->timers_done < 1) std::this_thread::sleep_for(1ms);
  ccc->remove_sub_conn(sc, 1ms);
  ccc->new_sub_conn();
  while (ccc->timers_done < 2) std::this_thread::sleep_for(1ms);
}
