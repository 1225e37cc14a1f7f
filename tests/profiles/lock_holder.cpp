// Mutex and block profiles of a lock held while others wait: holder() takes the mutex, starts
// three waiters, sleeps 200 ms and unlocks. Each waiter waits ~200 ms, so the mutex profile
// charges ~600 ms to holder()'s unlock (every waiter's time, Go 1.22's scaling), and the block
// profile has ~600 ms at waiter()'s lock.
//
// PROFILE: mutex delay/nanoseconds at holder in 540e6 800e6
// PROFILE: mutex contentions/count at holder in 1 1
// PROFILE: block delay/nanoseconds at waiter in 540e6 800e6
// PROFILE: block contentions/count at waiter in 3 3
// TIMELINE: unlock -> lock 3 3
// TIMELINE: go -> start 3 3
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

std::mutex mu;
int shared_counter;

void waiter() {
  std::lock_guard<std::mutex> g(mu);  // blocks until holder() unlocks
  ++shared_counter;
}

void holder() {
  std::vector<std::thread> waiters;
  mu.lock();
  for (int i = 0; i < 3; ++i) waiters.emplace_back(waiter);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  mu.unlock();  // ends all three waits
  for (auto& w : waiters) w.join();
}

int main() { holder(); }
