// GoKer moby#25384 (wait-group misuse). The plugin manager adds one to its wait group per
// plugin, then starts a loader task per plugin, but waits inside the loop: the first wait
// needs every loader's done while only the first loader has started, and it never returns.
// FORCED: nothing to time (with two plugins every schedule hangs; the loader takes 20 ms, so
// its done comes after the wait began). init runs in a task; main returns: a leak at exit.
// EXPECT: leak 28
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
        ccsp::sleep(20ms);  // loading the plugin
        p->loaded = 1;
        group.done();
      });
      group.wait();  // (A) waits for all the plugins inside the loop
    }
  }
};

int main() {
  auto* pm = new Manager;  // shared with the task for the life of the process
  pm->plugins = {new Plugin, new Plugin};
  ccsp::go([pm] { pm->init(); });
  ccsp::sleep(100ms);  // init is stuck by now
}
