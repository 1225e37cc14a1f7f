// Suppression: `// ccsp-vet:ignore NAME` on the flagged line or on a comment line just above
// it silences that check there; another check's name, or a code line above, does not.
#include <thread>
#include <vector>

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&] { (void)i; });  // ccsp-vet:ignore loopclosure
    // ccsp-vet:ignore loopclosure -- the loop joins below before i changes (it does not)
    threads.emplace_back([&] { (void)i; });
    threads.emplace_back([&] { (void)i; });  // ccsp-vet:ignore joinable  VET: loopclosure
    threads.emplace_back([&] { (void)i; });  // ccsp-vet:ignore
    threads.emplace_back([&] { (void)i; });  // VET: loopclosure
  }
  for (auto& t : threads) t.join();
}
