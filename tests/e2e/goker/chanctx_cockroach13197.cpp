// GoKer cockroach#13197 (channel & context). DB::begin derives a cancellable context for a
// transaction and starts a task that waits for it to be done; only rollback cancels it, so
// the task of every committed transaction waits forever.
// FORCED: nothing to force (a commit always leaks the task); main commits and returns.
// EXPECT: leak 15
#include <ccsp/ccsp.hpp>
#include <chrono>

using namespace std::chrono_literals;

struct Tx {
  ccsp::context ctx;
  ccsp::cancel_func cancel;
  void await_done() {
    ctx.done().recv();  // (A) never cancelled after a commit
  }
  void rollback() { cancel(); }
  void commit() {}  // the bug: the context is not cancelled
};

Tx* begin(const ccsp::context& parent) {
  auto [ctx, cancel] = ccsp::with_cancel(parent);
  auto* tx = new Tx{ctx, cancel};  // lives as long as its task, as in Go
  ccsp::go([tx] { tx->await_done(); });
  return tx;
}

int main() {
  Tx* tx = begin(ccsp::background());
  tx->commit();
  ccsp::sleep(100ms);  // the transaction's task is waiting by now
}
