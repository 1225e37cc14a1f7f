// Error handling with result structs: errors travel with the results. The task that checks URLs
// cannot know what an error means to its caller, so it sends each outcome as a Result carrying
// either the response or the error, and main, which has the whole picture, handles them; here it
// stops after three errors. Results are moved across the channel: ccsp reports no race.
//
// EXPECT: no-race
// EXPECT: stdout Error: unsupported protocol scheme "a"
// EXPECT: stdout Too many errors, breaking!
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <optional>
#include <string>
#include <variant>
#include <vector>

struct Result {
  std::optional<std::string> error;
  std::string response;
};

// A stand-in for an HTTP GET: only https URLs work.
Result http_get(const std::string& url) {
  if (url.rfind("https://", 0) != 0) {
    return {.error = "unsupported protocol scheme \"" + url + "\"", .response = {}};
  }
  return {.error = std::nullopt, .response = "200 OK"};
}

ccsp::chan<Result> check_status(ccsp::chan<std::monostate> done, std::vector<std::string> urls) {
  ccsp::chan<Result> results;
  ccsp::go([=] {
    for (const std::string& url : urls) {
      bool stop = false;
      ccsp::select(ccsp::recv_case(done, [&] { stop = true; }),
                   ccsp::send_case(results, http_get(url)));
      if (stop) return;
    }
    results.close();
  });
  return results;
}

int main() {
  ccsp::chan<std::monostate> done;
  int error_count = 0;
  for (const Result& r : check_status(done, {"a", "https://www.example.com", "b", "c", "d"})) {
    if (r.error) {
      std::printf("Error: %s\n", r.error->c_str());
      if (++error_count >= 3) {
        std::printf("Too many errors, breaking!\n");
        break;
      }
      continue;
    }
    std::printf("Response: %s\n", r.response.c_str());
  }
  done.close();
}
