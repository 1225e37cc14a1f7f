// Two threads write the same field of a struct: a race.
// EXPECT: race 13 14
#include <cstdio>
#include <thread>

struct Account {
  int id;
  int balance;
} account;

int main() {
  account.id = 1;
  std::thread t([] { account.balance = 10; });  // (A)
  account.balance = 20;                         // (B)
  t.join();
  std::printf("%d\n", account.balance);
}
