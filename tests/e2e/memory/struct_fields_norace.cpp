// Two threads write adjacent fields of one struct: different memory locations, no race.
// EXPECT: no-race
#include <cstdio>
#include <thread>

struct Account {
  int id;
  int balance;
} account;

int main() {
  std::thread t([] { account.id = 7; });
  account.balance = 20;
  t.join();
  std::printf("%d %d\n", account.id, account.balance);
}
