// GoKer moby#25384 (wait-group misuse), FIXED as upstream did: the wait comes after the loop
// has started every loader.
// EXPECT: nothing
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <vector>

using namespace std::chrono_literals;

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
        ccsp::sleep(20ms);
        p->loaded = 1;
        group.done();
      });
    }
    group.wait();
  }
};

int main() {
  auto* pm = new Manager;
  pm->plugins = {new Plugin, new Plugin};
  pm->init();
}
