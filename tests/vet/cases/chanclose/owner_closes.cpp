// chanclose, negative: the owner (the sender) closes; a receiver closes a different channel
// it owns; a channel handed on to a helper; one close on each branch; a close guarded by a
// flag in a loop; a close after the variable was given a fresh channel; close-only signal
// channels; a captured channel that nothing in sight sends on.
#include <ccsp/ccsp.hpp>
#include <cstdio>

ccsp::chan<int> Generate(int n) {
  ccsp::chan<int> out(n);
  ccsp::go([out, n] {
    for (int i = 0; i < n; ++i) out.send(i);
    out.close();
  });
  return out;
}

void Produce(ccsp::chan<int> out) {
  out.send(1);
  out.close();
}

void Forward(ccsp::chan<int> in, ccsp::chan<int> out);

void Relay(ccsp::chan<int> in, ccsp::chan<int> out) {
  Forward(in, out);
  in.close();
}

void Drain(ccsp::chan<int> in, ccsp::chan<std::monostate> done) {
  for (int v : in) std::printf("%d\n", v);
  ccsp::chan<int> local(1);
  local.send(1);
  local.recv();
  local.close();
  done.close();
}

void Watch(ccsp::chan<std::monostate> quit) {
  quit.recv();
  quit.close();
}

ccsp::chan<int> FirstOf(ccsp::chan<int> a) {
  ccsp::chan<int> either;
  ccsp::go([a, either] {
    ccsp::select(ccsp::recv_case(a), ccsp::recv_case(either));
    either.close();  // nobody sends on `either`: it only signals
  });
  return either;
}

int main(int argc, char**) {
  ccsp::chan<int> ch(4);
  if (argc > 1) {
    ch.close();
  } else {
    ch.close();
  }
  ccsp::chan<int> work(4);
  bool closed = false;
  for (int i = 0; i < 3; ++i) {
    if (!closed) {
      work.close();
      closed = true;
    }
  }
  ccsp::chan<int> again(1);
  again.close();
  again = ccsp::chan<int>(1);
  again.close();
  ccsp::chan<std::monostate> done;
  ccsp::go(Drain, Generate(3), done);
  done.recv();
  Produce(ccsp::chan<int>(1));
  Watch(ccsp::chan<std::monostate>());
  FirstOf(ccsp::chan<int>(1));
}

void Forward(ccsp::chan<int> in, ccsp::chan<int> out) {
  for (int v : in) out.send(v);
}
