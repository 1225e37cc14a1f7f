// GoKer moby#25384 (wait-group misuse), NATURAL run: no forcing, and the bug needs none: with
// two plugins the wait inside the loop never returns. Here main runs init itself, as the
// daemon does at start-up: every task is asleep.
// EXPECT: all-asleep 22
#include <ccsp/ccsp.hpp>
#include <vector>

struct Plugin {
  int loaded = 0;
};

struct Manager {
  std::vector<Plugin*> plugins;
  void init() {
    ccsp::wait_group group;
    group.add(static_cast<std::ptrdiff_t>(plugins.size()));
    for (Plugin* p : plugins) {
      ccsp::go([p, &group] {
        p->loaded = 1;
        group.done();
      });
      group.wait();  // (A) waits for all the plugins inside the loop
    }
  }
};

int main() {
  auto* pm = new Manager;
  pm->plugins = {new Plugin, new Plugin};
  pm->init();
}
