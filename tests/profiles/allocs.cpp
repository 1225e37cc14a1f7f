// Heap and allocs profiles of N allocations of which half are freed: make_blocks() allocates
// 1000 blocks of 1000 bytes, free_half() frees every other one. Exact figures: 1000 objects and
// 1000000 bytes allocated at make_blocks, 500 objects and 500000 bytes still in use.
//
// PROFILE: heap inuse_objects/count at make_blocks in 500 500
// PROFILE: heap inuse_space/bytes at make_blocks in 500000 500000
// PROFILE: allocs alloc_objects/count at make_blocks in 1000 1000
// PROFILE: allocs alloc_space/bytes at make_blocks in 1000000 1000000
#include <cstdlib>

constexpr int kBlocks = 1000;
void* blocks[kBlocks];

void make_blocks() {
  for (int i = 0; i < kBlocks; ++i) blocks[i] = std::malloc(1000);
}

void free_half() {
  for (int i = 0; i < kBlocks; i += 2) std::free(blocks[i]);
}

int main() {
  make_blocks();
  free_half();
}
