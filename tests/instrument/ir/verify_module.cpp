// Instrumented modules must stay valid IR: clang release builds do not run the verifier, so the
// output is checked with `opt -passes=verify` on code that stresses the pass: coroutines,
// exceptions and rethrow, setjmp/longjmp, std::async, regex, variants.
// RUN: %clangxx -std=c++20 -O0 -g -fpass-plugin=%plugin -S -emit-llvm %s -o %t.O0.ll
// RUN: %opt -passes=verify -disable-output %t.O0.ll
// RUN: %clangxx -std=c++20 -O1 -gline-tables-only -fdebug-info-for-profiling -fpass-plugin=%plugin -S -emit-llvm %s -o %t.O1.ll
// RUN: %opt -passes=verify -disable-output %t.O1.ll
// RUN: %clangxx -std=c++20 -O2 -fpass-plugin=%plugin -S -emit-llvm %s -o %t.O2.ll
// RUN: %opt -passes=verify -disable-output %t.O2.ll
#include <coroutine>
#include <regex>
#include <iostream>
#include <sstream>
#include <map>
#include <set>
#include <future>
#include <optional>
#include <variant>
#include <setjmp.h>
struct Gen {
  struct promise_type {
    int value = 0;
    Gen get_return_object() { return Gen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int v) { value = v; return {}; }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
  std::coroutine_handle<promise_type> h;
  ~Gen() { if (h) h.destroy(); }
};
Gen counter(int n) { for (int i = 0; i < n; ++i) co_yield i; }
jmp_buf jb;
void jumper(int x) { if (x) longjmp(jb, 1); }
int main(int argc, char** argv) {
  std::regex re("a+b");
  std::ostringstream os;
  os << std::regex_match("aab", re);
  auto g = counter(3); int s = 0;
  while (!g.h.done()) { g.h.resume(); s += g.h.promise().value; }
  auto f = std::async(std::launch::async, [] { return 7; });
  std::variant<int, std::string> v = std::string("x");
  std::optional<int> o; if (argc > 5) o = 3;
  if (setjmp(jb) == 0) jumper(argc);
  std::cout << os.str() << s << f.get() << std::get<1>(v) << o.value_or(2) << "\n";
}
