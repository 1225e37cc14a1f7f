// pool<T> against Go's sync.Pool: get makes an item when empty, put/get reuses it (same
// address), concurrent use hands every item to one user at a time.
#include <gtest/gtest.h>

#include <atomic>
#include <ccsp/ccsp.hpp>
#include <string>
#include <vector>

namespace {

TEST(Pool, GetMakesWithFactoryWhenEmpty) {
  int made = 0;
  ccsp::pool<std::string> p([&] {
    ++made;
    return std::string("fresh");
  });
  auto x = p.get();
  ASSERT_TRUE(x);
  EXPECT_EQ(*x, "fresh");
  EXPECT_EQ(made, 1);
}

TEST(Pool, PutThenGetReturnsTheSameItem) {
  ccsp::pool<std::vector<int>> p;
  auto x = p.get();
  x->push_back(7);
  const std::vector<int>* addr = x.get();
  p.put(std::move(x));
  auto y = p.get();
  EXPECT_EQ(y.get(), addr);
  EXPECT_EQ(*y, std::vector<int>{7});
  p.put(nullptr);  // ignored
  auto z = p.get();
  EXPECT_TRUE(z->empty());
}

TEST(Pool, ConcurrentUseNeverSharesAnItem) {
  struct Item {
    std::atomic<int> users{0};
  };
  ccsp::pool<Item> p([] { return Item{}; });
  std::atomic<bool> shared{false};
  ccsp::wait_group wg;
  wg.add(4);
  for (int t = 0; t < 4; ++t) {
    ccsp::go([&] {
      for (int i = 0; i < 2000; ++i) {
        auto item = p.get();
        if (item->users.fetch_add(1) != 0) shared = true;
        item->users.fetch_sub(1);
        p.put(std::move(item));
      }
      wg.done();
    });
  }
  wg.wait();
  EXPECT_FALSE(shared.load());
}

}  // namespace
