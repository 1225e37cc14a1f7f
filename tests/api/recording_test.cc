// The happens-before records of the API, checked without the runtime: this test defines the
// runtime's [api] entry points itself (strong definitions win over the API's weak references),
// so the API runs its recording paths (handoff handshakes included) and every __ccsp_sync lands
// in a log with a global sequence number, as the runtime would number it.
#include <gtest/gtest.h>

#include <algorithm>
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <vector>

namespace {

using ccsp::abi::SyncKind;

struct Event {
  uint64_t seq;
  int thread;
  SyncKind kind;
  const void* obj;
  uint64_t arg1, arg2;
};

std::mutex g_mu;
std::vector<Event> g_log;
std::atomic<int> g_next_thread{1};
thread_local int t_thread = 0;
thread_local int t_ignore = 0;
thread_local uint64_t t_last[256];  // last arg1 this thread recorded per kind

int ThreadNo() {
  if (t_thread == 0) t_thread = g_next_thread.fetch_add(1);
  return t_thread;
}

std::vector<Event> TakeLog() {
  std::lock_guard<std::mutex> g(g_mu);
  return std::exchange(g_log, {});
}

uint64_t Last(SyncKind k) { return t_last[static_cast<uint32_t>(k)]; }

}  // namespace

extern "C" {
void __ccsp_sync(uint32_t kind, const void* obj, uint64_t arg1, uint64_t arg2) {
  int thread = ThreadNo();
  std::lock_guard<std::mutex> g(g_mu);
  g_log.push_back(Event{g_log.size() + 1, thread, static_cast<SyncKind>(kind), obj, arg1, arg2});
  if (kind < 256) t_last[kind] = arg1;
}
void __ccsp_ignore_begin(void) { ++t_ignore; }
void __ccsp_ignore_end(void) {
  if (--t_ignore < 0) {
    std::fprintf(stderr, "unbalanced __ccsp_ignore_end\n");
    std::abort();
  }
}
void __ccsp_panic(uint32_t, const char* message) {
  std::fprintf(stderr, "panic: %s\n", message);
  std::abort();
}
uint32_t __ccsp_task_id(void) { return static_cast<uint32_t>(ThreadNo()); }
}

namespace {

using namespace std::chrono_literals;

// Checks Go's channel rules on the log of one channel: every recv k follows send k; every
// send-done k follows recv k-cap; k's are used once; recv-closed follows close.
void CheckChannel(const std::vector<Event>& log, const void* ch) {
  std::map<uint64_t, uint64_t> send, recv, done;
  uint64_t cap = ~0ull, close_seq = 0;
  for (const Event& e : log) {
    if (e.obj != ch) continue;
    switch (e.kind) {
      case SyncKind::kChanMake: cap = e.arg1; break;
      case SyncKind::kChanSend: EXPECT_TRUE(send.emplace(e.arg1, e.seq).second) << e.arg1; break;
      case SyncKind::kChanRecv: EXPECT_TRUE(recv.emplace(e.arg1, e.seq).second) << e.arg1; break;
      case SyncKind::kChanSendDone: EXPECT_TRUE(done.emplace(e.arg1, e.seq).second); break;
      case SyncKind::kChanClose: close_seq = e.seq; break;
      case SyncKind::kChanRecvClosed:
        EXPECT_NE(close_seq, 0u);
        EXPECT_GT(e.seq, close_seq);
        break;
      default: break;
    }
  }
  ASSERT_NE(cap, ~0ull) << "no kChanMake";
  for (auto [k, seq] : recv) {
    ASSERT_TRUE(send.count(k)) << "recv " << k << " without send";
    EXPECT_LT(send[k], seq) << "send " << k << " must precede its recv";
  }
  for (auto [k, seq] : done) {
    ASSERT_TRUE(send.count(k));
    EXPECT_LT(send[k], seq);
    if (k >= cap) {
      ASSERT_TRUE(recv.count(k - cap)) << "send-done " << k << " before recv " << k - cap;
      EXPECT_LT(recv[k - cap], seq) << "recv " << k - cap << " must precede send-done " << k;
    }
  }
  EXPECT_EQ(send.size(), done.size());
}

// Every thread's BlockBegin is followed by its BlockEnd before any other block begins.
void CheckBlocks(const std::vector<Event>& log) {
  std::map<int, int> open;
  for (const Event& e : log) {
    if (e.kind == SyncKind::kBlockBegin) EXPECT_EQ(open[e.thread]++, 0);
    if (e.kind == SyncKind::kBlockEnd) EXPECT_EQ(--open[e.thread], 0);
  }
}

TEST(Recording, HooksAreLinked) { EXPECT_TRUE(ccsp::detail::Recording()); }

// Values carry their k: the value sent as k is the value received as k, whatever mix of
// buffered, direct and blocked handoffs happened.
TEST(Recording, ChannelRulesUnderContention) {
  for (int capacity : {0, 1, 3}) {
    TakeLog();
    ccsp::chan<int> ch(capacity);
    constexpr int kProducers = 3, kEach = 400;
    std::mutex mu;
    std::map<uint64_t, int> sent_k, recv_k;
    ccsp::wait_group wg;
    wg.add(kProducers + 2);
    for (int p = 0; p < kProducers; ++p) {
      ccsp::go([&, p] {
        for (int i = 0; i < kEach; ++i) {
          int v = p * kEach + i;
          if (i % 2) {
            ch.send(v);
          } else {
            ccsp::select(ccsp::send_case(ch, v));
          }
          std::lock_guard<std::mutex> g(mu);
          sent_k[Last(SyncKind::kChanSend)] = v;
        }
        wg.done();
      });
    }
    for (int c = 0; c < 2; ++c) {
      ccsp::go([&, c] {
        ccsp::chan<int> never;
        for (;;) {
          std::optional<int> v;
          if (c == 0) {
            v = ch.recv();
          } else {
            ccsp::select(ccsp::recv_case(never), ccsp::recv_case(ch, [&](auto x) { v = x; }));
          }
          if (!v) break;
          std::lock_guard<std::mutex> g(mu);
          recv_k[Last(SyncKind::kChanRecv)] = *v;
        }
        wg.done();
      });
    }
    while (true) {  // close once every value was received
      {
        std::lock_guard<std::mutex> g(mu);
        if (recv_k.size() == kProducers * kEach) break;
      }
      ccsp::sleep(1ms);
    }
    ch.close();
    wg.wait();
    std::vector<Event> log = TakeLog();
    CheckChannel(log, ch.state_ptr());
    CheckBlocks(log);
    EXPECT_EQ(sent_k, recv_k) << "capacity " << capacity;
  }
}

TEST(Recording, CloseReleasesBlockedReceivers) {
  TakeLog();
  ccsp::chan<int> ch;
  ccsp::wait_group wg;
  wg.add(3);
  for (int i = 0; i < 3; ++i) {
    ccsp::go([&] {
      EXPECT_EQ(ch.recv(), std::nullopt);
      wg.done();
    });
  }
  ccsp::sleep(5ms);
  ch.close();
  wg.wait();
  std::vector<Event> log = TakeLog();
  CheckChannel(log, ch.state_ptr());
  CheckBlocks(log);
  int closed_recvs = 0;
  for (const Event& e : log) closed_recvs += e.kind == SyncKind::kChanRecvClosed;
  EXPECT_EQ(closed_recvs, 3);
}

TEST(Recording, SelectRecordsCasesAndBlock) {
  TakeLog();
  ccsp::chan<int> a, b;
  ccsp::go([b] {
    ccsp::sleep(5ms);
    b.send(1);
  });
  ccsp::select(ccsp::recv_case(a), ccsp::recv_case(b));
  std::vector<Event> log = TakeLog();
  std::vector<SyncKind> mine;
  int me = ThreadNo();
  for (const Event& e : log) {
    if (e.thread == me && e.kind != SyncKind::kChanMake) mine.push_back(e.kind);
  }
  std::vector<SyncKind> want = {SyncKind::kSelectCase, SyncKind::kSelectCase,
                                SyncKind::kBlockBegin, SyncKind::kBlockEnd, SyncKind::kChanRecv};
  EXPECT_EQ(mine, want);
  CheckChannel(log, b.state_ptr());
}

TEST(Recording, WaitGroupDoneBeforeWaitReturns) {
  TakeLog();
  ccsp::wait_group wg;
  wg.add(4);
  for (int i = 0; i < 4; ++i) ccsp::go([&] { wg.done(); });
  wg.wait();
  std::vector<Event> log = TakeLog();
  uint64_t last_done = 0, wait = 0;
  for (const Event& e : log) {
    if (e.obj != &wg) continue;
    if (e.kind == SyncKind::kWgAdd && ccsp::abi::UnZigZag(e.arg1) < 0) last_done = e.seq;
    if (e.kind == SyncKind::kWgWait) wait = e.seq;
  }
  EXPECT_NE(last_done, 0u);
  EXPECT_GT(wait, last_done);
}

TEST(Recording, PoolPutBeforeGetOfThatItem) {
  TakeLog();
  ccsp::pool<int> p;
  auto x = p.get();
  const void* addr = x.get();
  ccsp::go([&p, y = std::move(x)]() mutable { p.put(std::move(y)); });
  std::unique_ptr<int> again;
  while (!again || again.get() != addr) again = p.get();
  std::vector<Event> log = TakeLog();
  uint64_t put = 0, get = 0;
  for (const Event& e : log) {
    if (e.arg1 != reinterpret_cast<uintptr_t>(addr)) continue;
    if (e.kind == SyncKind::kPoolPut) put = e.seq;
    if (e.kind == SyncKind::kPoolGet && e.arg2 == 0) get = e.seq;
  }
  EXPECT_NE(put, 0u);
  EXPECT_GT(get, put);
}

TEST(Recording, CancelBeforeObserversAndDoneClose) {
  TakeLog();
  auto [ctx, cancel] = ccsp::with_cancel(ccsp::background());
  auto [child, cancel_child] = ccsp::with_cancel(ctx);
  ccsp::go([cancel] { cancel(); });
  EXPECT_EQ(child.done().recv(), std::nullopt);
  EXPECT_EQ(child.err(), ccsp::ctx_error::canceled);
  std::vector<Event> log = TakeLog();
  uint64_t parent_cancel = 0, child_cancel = 0, observe = 0;
  for (const Event& e : log) {
    if (e.kind == SyncKind::kCtxCancel) (parent_cancel ? child_cancel : parent_cancel) = e.seq;
    if (e.kind == SyncKind::kCtxObserve) observe = e.seq;
  }
  EXPECT_NE(parent_cancel, 0u);
  EXPECT_GT(child_cancel, parent_cancel);
  EXPECT_GT(observe, child_cancel);
  CheckChannel(log, child.done().state_ptr());
  cancel_child();
}

TEST(Recording, IgnoreRegionsAreBalanced) {
  ccsp::chan<int> ch(1);
  ch.send(1);
  ch.recv();
  ccsp::select(ccsp::recv_case(ch), ccsp::default_case());
  EXPECT_EQ(t_ignore, 0);
}

}  // namespace
