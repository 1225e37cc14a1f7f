// loopclosure, positive: std::async futures kept past the iteration, a thread pool's submit,
// and pthread_create handed the address of the loop variable.
#include <pthread.h>

#include <cstdio>
#include <functional>
#include <future>
#include <vector>

class ThreadPool {
 public:
  void submit(std::function<void()> f) { jobs_.push_back(std::move(f)); }
  void run() {
    for (auto& j : jobs_) j();
  }

 private:
  std::vector<std::function<void()>> jobs_;
};

void* Worker(void* arg) {
  std::printf("%d\n", *static_cast<int*>(arg));
  return nullptr;
}

int main() {
  std::vector<std::future<int>> results;
  for (int i = 0; i < 4; ++i) {
    results.push_back(std::async(std::launch::async, [&] { return i * 2; }));  // VET: loopclosure
  }
  ThreadPool pool;
  for (int i = 0; i < 4; ++i) {
    pool.submit([&] { std::printf("%d\n", i); });  // VET: loopclosure
  }
  pthread_t tids[4];
  for (int i = 0; i < 4; ++i) {
    pthread_create(&tids[i], nullptr, Worker, &i);  // VET: loopclosure
  }
  for (pthread_t t : tids) pthread_join(t, nullptr);
  pool.run();
  for (auto& r : results) r.get();
}
