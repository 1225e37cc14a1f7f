// GoKer cockroach#13197 (channel & context), FIXED as upstream did: commit and rollback both
// close the transaction, which cancels its context. main waits for the tasks to finish.
// EXPECT: nothing
#include <ccsp/ccsp.hpp>

struct Tx {
  ccsp::context ctx;
  ccsp::cancel_func cancel;
  void await_done() { ctx.done().recv(); }
  void close() { cancel(); }
  void rollback() { close(); }
  void commit() { close(); }
};

Tx* begin(const ccsp::context& parent, ccsp::wait_group& tasks) {
  auto [ctx, cancel] = ccsp::with_cancel(parent);
  auto* tx = new Tx{ctx, cancel};
  tasks.add(1);
  ccsp::go([tx, &tasks] {
    tx->await_done();
    tasks.done();
  });
  return tx;
}

int main() {
  ccsp::wait_group tasks;
  Tx* tx = begin(ccsp::background(), tasks);
  tx->commit();
  tasks.wait();
}
