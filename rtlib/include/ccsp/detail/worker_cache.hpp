// Idle-thread cache behind ccsp::go in uninstrumented programs: a finished task's thread waits
// a while for the next go() instead of exiting, which turns a spawn into a handoff (pthread
// creation costs tens of microseconds). Instrumented programs always get a fresh thread, so the
// runtime sees every task's creation. Leaked singleton: tasks outlive static destructors.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>

#include "ccsp/detail/futex.hpp"

namespace ccsp::detail {

struct TaskBase {
  virtual ~TaskBase() = default;
  virtual void Run() = 0;
};

class WorkerCache {
 public:
  static constexpr long kIdleExitNs = 1000L * 1000 * 1000;  // an idle worker exits after 1 s

  // Runs `task` (taking ownership) on a cached idle thread, or on a new detached thread.
  static void Spawn(TaskBase* task) {
    WorkerCache& cache = Get();
    cache.lock_.lock();
    Worker* w = cache.idle_;
    if (w) {
      cache.idle_ = w->next;
      w->listed = false;
    }
    cache.lock_.unlock();
    if (w) {
      w->task = task;
      Post(&w->state, kHasTask);
      return;
    }
    std::thread([task] { Get().Serve(task); }).detach();
  }

 private:
  static constexpr uint32_t kIdle = 0, kHasTask = 1;
  struct Worker {
    std::atomic<uint32_t> state{kIdle};
    TaskBase* task = nullptr;
    Worker* next = nullptr;
    bool listed = false;  // in idle_ (guarded by lock_)
  };

  static WorkerCache& Get() {
    static WorkerCache* cache = new WorkerCache;
    return *cache;
  }

  void Serve(TaskBase* task) {
    Worker self;
    while (task) {
      task->Run();
      delete task;
      task = WaitForTask(self);
    }
  }

  // Lists `self` as idle and waits for a task; nullptr when it is time to exit.
  TaskBase* WaitForTask(Worker& self) {
    self.state.store(kIdle, std::memory_order_relaxed);
    self.task = nullptr;
    lock_.lock();
    self.next = idle_;
    self.listed = true;
    idle_ = &self;
    lock_.unlock();
    for (int i = 0; i < kSpinYield; ++i) {
      if (self.state.load(std::memory_order_acquire) == kHasTask) return self.task;
      sched_yield();
    }
    uint32_t idle = kIdle;
    if (self.state.compare_exchange_strong(idle, kParked, std::memory_order_acquire)) {
      FutexWaitFor(&self.state, kParked, kIdleExitNs);  // an early return only exits early
    }
    if (self.state.load(std::memory_order_acquire) == kHasTask) return self.task;
    lock_.lock();
    bool listed = self.listed;
    if (listed) Unlist(&self);
    lock_.unlock();
    if (listed) return nullptr;  // nobody chose us: exit the thread
    // A Spawn chose us just now: its task is on the way (Post sees kParked and wakes us).
    while (self.state.load(std::memory_order_acquire) != kHasTask) FutexWait(&self.state, kParked);
    return self.task;
  }

  void Unlist(Worker* w) {
    for (Worker** p = &idle_; *p; p = &(*p)->next) {
      if (*p == w) {
        *p = w->next;
        break;
      }
    }
    w->listed = false;
  }

  Lock lock_;
  Worker* idle_ = nullptr;
};

}  // namespace ccsp::detail
