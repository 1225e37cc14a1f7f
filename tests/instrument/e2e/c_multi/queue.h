/* A bounded blocking queue of work items (mutex + two condition variables). */
#ifndef CCSP_TEST_QUEUE_H
#define CCSP_TEST_QUEUE_H

#include <pthread.h>

struct item {
  int producer;
  int seq;
  char tag[3]; /* odd-sized member: struct copies are 12 bytes */
};

struct queue {
  struct item slots[8];
  unsigned head, tail, count;
  int closed;
  pthread_mutex_t lock;
  pthread_cond_t not_empty, not_full;
};

void queue_init(struct queue* q);
void queue_destroy(struct queue* q);
void queue_push(struct queue* q, const struct item* it);
/* Returns 0 when the queue is closed and drained. */
int queue_pop(struct queue* q, struct item* out);
void queue_close(struct queue* q);

#endif
