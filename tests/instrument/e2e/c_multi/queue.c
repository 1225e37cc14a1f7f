/* The blocking queue: every access to the ring happens under q->lock. */
#include "queue.h"

#include <string.h>

void queue_init(struct queue* q) {
  memset(q, 0, sizeof *q);
  pthread_mutex_init(&q->lock, NULL);
  pthread_cond_init(&q->not_empty, NULL);
  pthread_cond_init(&q->not_full, NULL);
}

void queue_destroy(struct queue* q) {
  pthread_cond_destroy(&q->not_full);
  pthread_cond_destroy(&q->not_empty);
  pthread_mutex_destroy(&q->lock);
}

void queue_push(struct queue* q, const struct item* it) {
  pthread_mutex_lock(&q->lock);
  while (q->count == sizeof q->slots / sizeof q->slots[0]) pthread_cond_wait(&q->not_full, &q->lock);
  q->slots[q->tail] = *it;
  q->tail = (q->tail + 1) % (sizeof q->slots / sizeof q->slots[0]);
  q->count++;
  pthread_cond_signal(&q->not_empty);
  pthread_mutex_unlock(&q->lock);
}

int queue_pop(struct queue* q, struct item* out) {
  pthread_mutex_lock(&q->lock);
  while (q->count == 0 && !q->closed) pthread_cond_wait(&q->not_empty, &q->lock);
  if (q->count == 0) {
    pthread_mutex_unlock(&q->lock);
    return 0;
  }
  memcpy(out, &q->slots[q->head], sizeof *out);
  q->head = (q->head + 1) % (sizeof q->slots / sizeof q->slots[0]);
  q->count--;
  pthread_cond_signal(&q->not_full);
  pthread_mutex_unlock(&q->lock);
  return 1;
}

void queue_close(struct queue* q) {
  pthread_mutex_lock(&q->lock);
  q->closed = 1;
  pthread_cond_broadcast(&q->not_empty);
  pthread_mutex_unlock(&q->lock);
}
