// Error propagation across module boundaries: wrap low-level errors, show users well-formed ones. A
// low-level module fails (a stat of a missing binary); the intermediate module, which runs jobs in
// worker tasks, wraps that error in one saying what failed in its own terms ("cannot run job") and
// keeps the cause; the top level logs the whole chain under a log id and shows the user only the
// well-formed message, turning any error outside the modules' contracts into "unexpected error;
// please file a bug report". Errors come back over a channel with the job's result: ccsp reports no
// race.
//
// EXPECT: no-race
// EXPECT: stdout [log 1]: cannot run job "1": requisite binaries not available
// EXPECT: stdout [log 2]: unexpected error; please file a bug report
#include <sys/stat.h>

#include <ccsp/ccsp.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

// An error that is part of a module's contract: a message for humans, the cause it wraps.
struct Error {
  std::string message;
  std::shared_ptr<const Error> cause;
  bool well_formed = true;  // false: raw, unexpected
};

// ---- low-level module: talks to the operating system ----
std::shared_ptr<const Error> is_globally_executable(const std::string& path) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0) {
    return std::make_shared<Error>(
        Error{"stat " + path + ": " + std::strerror(errno), nullptr, true});
  }
  return nullptr;
}

// ---- intermediate module: runs jobs, in tasks, and speaks in jobs ----
struct JobResult {
  std::string job_id;
  std::shared_ptr<const Error> err;
};

ccsp::chan<JobResult> run_job(std::string id) {
  ccsp::chan<JobResult> result(1);
  ccsp::go([=] {
    if (id == "2") {  // a bug: a raw error escapes the module's contract
      result.send({id, std::make_shared<Error>(Error{"index out of range", nullptr, false})});
      return;
    }
    if (auto err = is_globally_executable("/bad/job/binary")) {
      result.send(
          {id, std::make_shared<Error>(Error{
                   "cannot run job \"" + id + "\": requisite binaries not available", err, true})});
      return;
    }
    result.send({id, nullptr});
  });
  return result;
}

// ---- top level: logs everything, shows the user what they can act on ----
void handle_error(int log_id, const Error& err) {
  std::fprintf(stderr, "[log %d]:", log_id);
  for (const Error* e = &err; e; e = e->cause.get())
    std::fprintf(stderr, " %s;", e->message.c_str());
  std::fprintf(stderr, "\n");
  std::printf("[log %d]: %s\n", log_id,
              err.well_formed ? err.message.c_str() : "unexpected error; please file a bug report");
}

int main() {
  int log_id = 0;
  for (const char* job : {"1", "2"}) {
    JobResult r = *run_job(job).recv();
    ++log_id;
    if (r.err) handle_error(log_id, *r.err);
  }
}
