#include "tally.h"

#include <pthread.h>
#include <string.h>

#define TALLY_SLOTS 16

static struct {
  char key[24];
  long value;
} slots[TALLY_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int find(const char* key) {
  for (int i = 0; i < TALLY_SLOTS; ++i) {
    if (slots[i].key[0] == 0) {
      strncpy(slots[i].key, key, sizeof slots[i].key - 1);
      return i;
    }
    if (strcmp(slots[i].key, key) == 0) return i;
  }
  return -1;
}

void tally_add(const char* key, long amount) {
  pthread_mutex_lock(&lock);
  int i = find(key);
  if (i >= 0) slots[i].value += amount;
  pthread_mutex_unlock(&lock);
}

long tally_get(const char* key) {
  pthread_mutex_lock(&lock);
  int i = find(key);
  long v = i >= 0 ? slots[i].value : 0;
  pthread_mutex_unlock(&lock);
  return v;
}
