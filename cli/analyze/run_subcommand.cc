// `ccsp-analyze run [options] -- PROG ARGS...`: run an instrumented program with a fresh
// trace (CCSP_OPTIONS trace_path, merged with the user's own CCSP_OPTIONS), pass its stdout
// and stderr through untouched, then analyze the trace. Exit: `exitcode` (66; --exitcode, else
// CCSP_OPTIONS exitcode) when anything is reported, else the program's own status (128+N when
// killed by signal N). CCSP_OPTIONS is read with the runtime's own parser (rtlib/options).
// --profile adds profile consumers to the same replay (run_profiles.h).
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "ccsp_options/option_text.h"
#include "ccsp_options/trace_path.h"
#include "common.h"
#include "run_profiles.h"

namespace ccsp::cli {
namespace {

struct RunState {
  CommonOptions common;
  bool exitcode_flag = false;  // --exitcode given: it wins over CCSP_OPTIONS exitcode
  std::vector<std::string> command;
  std::vector<std::string> profiles;  // --profile=mutex,block,...
};

std::string TempDir() {
  const char* t = std::getenv("TMPDIR");
  return t && *t ? t : "/tmp";
}

int RunProgram(RunState& st) {
  // The same parser as the runtime's. Its warnings are left to the program, which prints
  // them itself at start-up (once, not twice); a skipped item changes nothing here either.
  const char* env = std::getenv("CCSP_OPTIONS");
  const std::string child_options = env ? env : "";
  options::ParsedOptions user = options::ParseOptionsText(child_options);
  const bool own_path = user.summary.IsSet(options::OptionId::trace_path);
  const std::string user_path = user.values.trace_path;
  if (!st.exitcode_flag && user.summary.IsSet(options::OptionId::exitcode))
    st.common.exitcode = static_cast<int>(user.values.exitcode);
  std::vector<std::string> extra_supp;
  if (user.values.suppressions[0]) extra_supp.push_back(user.values.suppressions);
  analyzer::Suppressions supp;
  if (!LoadSuppressions(st.common, extra_supp, &supp)) return kExitUsage;
  RunProfiles profiles;
  if (!profiles.Prepare(st.profiles, st.common.output)) return kExitUsage;

  std::vector<char*> argv;
  for (std::string& a : st.command) argv.push_back(a.data());
  argv.push_back(nullptr);
  // Everything the child needs is prepared before fork: the child only formats its pid.
  std::string prefix = TempDir() + "/ccsp-trace.";
  std::string base_options = child_options.empty() ? "" : child_options + ":";
  char child_env[8192];

  int pipefd[2];
  if (pipe2(pipefd, O_CLOEXEC) != 0) {
    PrintError(std::string("pipe: ") + std::strerror(errno));
    return kExitUsage;
  }
  struct sigaction ign {}, old_int{}, old_quit{};
  ign.sa_handler = SIG_IGN;
  sigaction(SIGINT, &ign, &old_int);  // Ctrl-C stops the program; we still analyze
  sigaction(SIGQUIT, &ign, &old_quit);
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGQUIT, &old_quit, nullptr);
    close(pipefd[0]);
    if (!own_path) {  // the user's items unchanged, then ours (a later item wins)
      char path[4096];
      std::snprintf(path, sizeof path, "%s%d.bin", prefix.c_str(), static_cast<int>(getpid()));
      unlink(path);
      std::snprintf(child_env, sizeof child_env, "%strace_path=%s", base_options.c_str(), path);
      setenv("CCSP_OPTIONS", child_env, 1);
    }
    execvp(argv[0], argv.data());
    int e = errno;
    ssize_t ignored = write(pipefd[1], &e, sizeof e);
    (void)ignored;
    _exit(127);
  }
  close(pipefd[1]);
  if (pid < 0) {
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGQUIT, &old_quit, nullptr);
    PrintError(std::string("fork: ") + std::strerror(errno));
    close(pipefd[0]);
    return kExitUsage;
  }
  int exec_errno = 0;
  ssize_t n;
  do n = read(pipefd[0], &exec_errno, sizeof exec_errno);
  while (n < 0 && errno == EINTR);
  close(pipefd[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGQUIT, &old_quit, nullptr);
  if (n == static_cast<ssize_t>(sizeof exec_errno)) {
    PrintError("cannot run '" + st.command[0] + "': " + std::strerror(exec_errno));
    return kExitUsage;
  }
  int prog_status = 0;
  if (WIFEXITED(status)) {
    prog_status = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    prog_status = 128 + WTERMSIG(status);
    PrintNote(st.command[0] + " was killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
              strsignal(WTERMSIG(status)) + ")");
  }
  std::string trace = prefix + std::to_string(pid) + ".bin";
  if (own_path) {  // the program's own path, %p expanded as the runtime does
    std::vector<char> path(user_path.size() * 10 + 32);  // %p: 2 bytes -> up to 20
    options::TextOut t(path.data(), path.size());
    options::FormatTracePath(user_path.c_str(), static_cast<uint64_t>(pid), false, t);
    trace = t.c_str();
  }
  struct stat sb;
  if (stat(trace.c_str(), &sb) != 0) {
    PrintError(st.command[0] + " wrote no trace at " + trace +
               " (is it built with ccsp-cc / ccsp-c++?)");
    return kExitUsage;
  }
  bool failed = false;
  std::vector<analyzer::Consumer*> extra;
  if (!profiles.Start(&extra)) return kExitUsage;
  auto results = AnalyzeTraces({trace}, st.common, &supp, &failed, extra);
  if (failed) return kExitUsage;
  if (!WriteReport(results, st.common, stderr)) return kExitUsage;
  PrintNote("trace kept at " + trace);
  if (!profiles.Write()) return kExitUsage;
  int code = ReportsExitCode(results, st.common);
  return code >= 0 ? code : prog_status;
}

}  // namespace

Subcommand AddRunCommand(CLI::App& root, const std::vector<std::string>& program) {
  auto st = std::make_shared<RunState>();
  CLI::App* cmd = root.add_subcommand(
      "run", "Run an instrumented program with a fresh trace, then analyze it (CCSP_OPTIONS "
             "exitcode= and suppressions= apply too; the flags win / add)");
  AddCommonOptions(*cmd, st->common);
  // Without `--`, plain words are the program and its arguments; with it, anything goes.
  cmd->add_option("--profile", st->profiles,
                  "Also write these profiles next to the report, named by type (mutex.pb.gz, ...): "
                  "mutex, block, task, heap, allocs, cpu, timeline; comma-separated")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_option("command", st->command, "PROG ARGS... (put -- before the program)");
  return Subcommand{cmd, [st, cmd, &program]() -> int {
                      st->exitcode_flag = cmd->count("--exitcode") > 0;
                      st->command.insert(st->command.end(), program.begin(), program.end());
                      if (st->command.empty()) {
                        PrintError("run: no program given (usage: ccsp-analyze run -- PROG ARGS...)");
                        return kExitUsage;
                      }
                      return RunProgram(*st);
                    }};
}

}  // namespace ccsp::cli
