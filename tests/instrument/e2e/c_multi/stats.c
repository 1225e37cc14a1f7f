/* Statistics over consumed items. The histogram and the weighted sum are guarded by a spin
 * lock built on atomic_flag (acquire/release), the counters are atomics of several orders. */
#include "stats.h"

#include <stdio.h>

static const int kWeights[5] = {1, 3, 5, 7, 11};

void stats_init(struct stats* s) {
  atomic_init(&s->items, 0);
  atomic_init(&s->checksum, 0);
  atomic_init(&s->max_seq, -1);
  s->weighted = 0;
  for (int i = 0; i < 5; ++i) s->histogram[i] = 0;
  atomic_flag_clear(&s->busy);
}

void stats_add(struct stats* s, int producer, int seq) {
  atomic_fetch_add_explicit(&s->items, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&s->checksum, (long long)producer * 1000 + seq, memory_order_acq_rel);
  int seen = atomic_load_explicit(&s->max_seq, memory_order_acquire);
  while (seq > seen && !atomic_compare_exchange_weak_explicit(&s->max_seq, &seen, seq,
                                                               memory_order_release,
                                                               memory_order_relaxed)) {
  }
  while (atomic_flag_test_and_set_explicit(&s->busy, memory_order_acquire)) {
  }
  s->histogram[producer % 5]++;
  s->weighted += (long double)kWeights[producer % 5] * seq;
  atomic_flag_clear_explicit(&s->busy, memory_order_release);
}

void stats_print(const struct stats* s) {
  atomic_thread_fence(memory_order_seq_cst);
  printf("items=%ld checksum=%lld max_seq=%d weighted=%.1Lf\n", (long)atomic_load(&s->items),
         (long long)atomic_load(&s->checksum), atomic_load(&s->max_seq), s->weighted);
  for (int i = 0; i < 5; ++i) printf("histogram[%d]=%u\n", i, s->histogram[i]);
}
