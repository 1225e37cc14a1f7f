/* A thread-safe tally in a shared C library. */
#ifndef TALLY_H
#define TALLY_H
#ifdef __cplusplus
extern "C" {
#endif
void tally_add(const char* key, long amount);
long tally_get(const char* key);
#ifdef __cplusplus
}
#endif
#endif
