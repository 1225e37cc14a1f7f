// selfdeadlock through one call: a method that locks a member of its object first thing,
// called while that member is held (the GoKer cockroach#9935 and moby#36114 shape); and a
// relock after a helper that cannot unlock anything.
#include <cstdio>
#include <mutex>

class Log {
 public:
  void Append(int v) {
    std::lock_guard<std::mutex> lock(mu_);
    if (Full()) Flush();  // VET: selfdeadlock
    size_ += v;
  }
  void Flush() {
    std::lock_guard<std::mutex> lock(mu_);
    size_ = 0;
  }
  void Merge(Log* other) {
    other->mu_.lock();
    other->Flush();  // VET: selfdeadlock
    other->mu_.unlock();
  }
  void Again() {
    mu_.lock();
    Trace("again");
    mu_.lock();  // VET: selfdeadlock
  }

 private:
  bool Full() const { return size_ > 100; }
  static void Trace(const char* what) { std::printf("%s\n", what); }
  std::mutex mu_;
  int size_ = 0;
};

int main() {
  Log a, b;
  a.Append(1);
  a.Merge(&b);
}
