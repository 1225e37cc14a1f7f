// GoKer grpc#3017 (double locking: a missing unlock). RemoveSubConn caches a sub-connection
// and arms a timer whose callback deletes it under mu; NewSubConn reuses a cached entry and
// cancels the timer, and when the timer already fired it sets abort_deleting instead. The
// callback then returns early holding mu, and every later call waits for it forever.
// FORCED: the timer fires just before NewSubConn cancels it, and its callback runs after.
// The callback's task ends holding mu; main, the only task left, blocks: all asleep.
// EXPECT: all-asleep 37
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
  Entry* last = nullptr;                  // the latest entry (main's own bookkeeping)
  std::atomic<bool> stop_tried{false};    // forcing only
  std::atomic<bool> callback_ran{false};  // forcing only

  void callback(Entry* e) {
    mu.lock();
    if (e->abort_deleting) return;  // the bug: returns holding mu
    cache.erase(1);
    mu.unlock();
  }
  void remove_sub_conn(int sc, std::chrono::milliseconds timeout) {
    std::lock_guard<std::mutex> g(mu);  // (A) the timer's callback never released mu
    auto* e = new Entry;
    e->sc = sc;
    cache[1] = e;
    last = e;
    std::thread([this, e, timeout] {  // time.AfterFunc
      std::this_thread::sleep_for(timeout);
      int armed = 0;
      if (!e->timer.compare_exchange_strong(armed, 2)) return;  // stopped in time
      while (!stop_tried) std::this_thread::sleep_for(1ms);     // forcing: the callback runs late
      callback(e);
      callback_ran = true;
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
  while (ccc->last->timer != 2) std::this_thread::sleep_for(1ms);  // forcing: it has fired
  sc = ccc->new_sub_conn();  // too late to stop it: abort_deleting
  while (!ccc->callback_ran) std::this_thread::sleep_for(1ms);  // it returned holding mu
  ccc->remove_sub_conn(sc, 1ms);
}
