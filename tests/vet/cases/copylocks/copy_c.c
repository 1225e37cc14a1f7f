/* copylocks, C: structs holding a pthread mutex or condition variable copied by value
   (initialization, assignment, a by-value parameter and its call); pointers, initializers
   and a factory's return are not copies of a lock in use. */
#include <pthread.h>
#include <semaphore.h>
#include <string.h>

struct counter {
  pthread_mutex_t mu;
  long value;
};

struct queue {
  struct counter stats;
  pthread_cond_t ready;
};

static const pthread_mutex_t kInitMutex = PTHREAD_MUTEX_INITIALIZER;

long read_value(struct counter c) { /* VET: copylocks */
  return c.value;
}

long read_ptr(const struct counter *c) { return c->value; }

struct counter make_counter(void) {
  struct counter c;
  pthread_mutex_init(&c.mu, NULL);
  c.value = 0;
  return c;
}

int main(void) {
  struct counter a = {PTHREAD_MUTEX_INITIALIZER, 0};
  struct counter b = a; /* VET: copylocks */
  struct queue q;
  struct queue r;
  memset(&q, 0, sizeof q);
  r = q; /* VET: copylocks */
  long v = read_value(a); /* VET: copylocks */
  v += read_ptr(&a);
  struct counter c = make_counter();
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  m = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
  m = kInitMutex;
  sem_t s1, s2;
  sem_init(&s1, 0, 1);
  s2 = s1; /* VET: copylocks */
  return (int)(v + b.value + c.value + r.stats.value);
}
