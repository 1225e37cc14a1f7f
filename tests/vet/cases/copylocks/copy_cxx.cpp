// copylocks, C++: a struct holding a pthread mutex copied by a compiler-generated copy (a
// copy-initialization, a by-value lambda capture, a by-value range variable, an assignment);
// references, pointers and a class that defines its own copy are fine.
#include <pthread.h>

#include <vector>

struct Shard {
  pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
  int hits = 0;
};

// Copies the data and makes a fresh mutex: trusted.
class SafeShard {
 public:
  SafeShard() = default;
  SafeShard(const SafeShard& o) : hits_(o.hits_) {}
  SafeShard& operator=(const SafeShard& o) {
    hits_ = o.hits_;
    return *this;
  }

 private:
  pthread_mutex_t mu_ = PTHREAD_MUTEX_INITIALIZER;
  int hits_ = 0;
};

int Hits(const Shard& s) { return s.hits; }

int main() {
  Shard shards[4];
  Shard copy = shards[0];  // VET: copylocks
  auto task = [copy]() { return copy.hits; };  // VET: copylocks
  int total = task();
  for (Shard s : shards) total += s.hits;  // VET: copylocks
  for (const Shard& s : shards) total += Hits(s);
  Shard* p = &shards[1];
  copy = *p;  // VET: copylocks
  SafeShard a;
  SafeShard b = a;
  b = a;
  std::vector<Shard*> ptrs = {&shards[0], p};
  return total + static_cast<int>(ptrs.size());
}
