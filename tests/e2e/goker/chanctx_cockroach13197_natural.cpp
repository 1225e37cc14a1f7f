// GoKer cockroach#13197 (channel & context), NATURAL run: a mix of transactions, most of
// them committed, some rolled back. The leak needs no bad timing: every committed one
// leaves its task waiting, all at the same line (one report, counted).
// EXPECT: leak 14
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
  auto* tx = new Tx{ctx, cancel};
  ccsp::go([tx] { tx->await_done(); });
  return tx;
}

int main() {
  for (int i = 0; i < 4; ++i) {
    Tx* tx = begin(ccsp::background());
    if (i % 2)
      tx->rollback();
    else
      tx->commit();
  }
  ccsp::sleep(100ms);  // the committed transactions' tasks are waiting by now
}
