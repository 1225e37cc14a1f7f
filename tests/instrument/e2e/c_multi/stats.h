/* Totals kept by the consumers: atomics for the counters, a lock for the histogram. */
#ifndef CCSP_TEST_STATS_H
#define CCSP_TEST_STATS_H

#include <stdatomic.h>

struct stats {
  atomic_long items;
  atomic_llong checksum;
  atomic_int max_seq;
  long double weighted; /* 10-byte accesses */
  unsigned short histogram[5];
  atomic_flag busy;
};

void stats_init(struct stats* s);
void stats_add(struct stats* s, int producer, int seq);
void stats_print(const struct stats* s);

#endif
