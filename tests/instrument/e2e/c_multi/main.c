/* Producers and consumers over a blocking queue; the output depends only on the inputs. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "queue.h"
#include "stats.h"

enum { kProducers = 4, kConsumers = 3, kItemsEach = 500 };

static struct queue q;
static struct stats st;
static int produced[kProducers];

static void* produce(void* arg) {
  int id = (int)(long)arg;
  for (int i = 0; i < kItemsEach; ++i) {
    struct item it = {id, i, {'p', (char)('0' + id), 0}};
    queue_push(&q, &it);
    produced[id]++;
  }
  return NULL;
}

static void* consume(void* arg) {
  (void)arg;
  struct item it;
  while (queue_pop(&q, &it)) {
    if (it.tag[0] != 'p') abort();
    stats_add(&st, it.producer, it.seq);
  }
  return NULL;
}

static int compare_ints(const void* a, const void* b) {
  return *(const int*)a - *(const int*)b;
}

int main(void) {
  queue_init(&q);
  stats_init(&st);
  pthread_t producers[kProducers], consumers[kConsumers];
  for (long i = 0; i < kConsumers; ++i) pthread_create(&consumers[i], NULL, consume, NULL);
  for (long i = 0; i < kProducers; ++i) pthread_create(&producers[i], NULL, produce, (void*)i);
  for (int i = 0; i < kProducers; ++i) pthread_join(producers[i], NULL);
  queue_close(&q);
  for (int i = 0; i < kConsumers; ++i) pthread_join(consumers[i], NULL);
  queue_destroy(&q);

  int sorted[kProducers];
  memcpy(sorted, produced, sizeof sorted);
  qsort(sorted, kProducers, sizeof sorted[0], compare_ints); /* callbacks from libc */
  printf("produced min=%d max=%d\n", sorted[0], sorted[kProducers - 1]);
  stats_print(&st);
  return 0;
}
