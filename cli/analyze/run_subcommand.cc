// `ccsp-analyze run [options] -- PROG ARGS...`: run an instrumented program with a fresh
// trace (CCSP_OPTIONS trace_path, merged with the user's own CCSP_OPTIONS), pass its stdout
// and stderr through untouched, then analyze the trace. Exit: 66 when anything is reported,
// else the program's own status (128+N when killed by signal N).
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "common.h"

namespace ccsp::cli {
namespace {

struct RunState {
  CommonOptions common;
  std::vector<std::string> command;
};

// CCSP_OPTIONS is a TSan-style `key=value` list separated by ':'.
std::vector<std::pair<std::string, std::string>> ParseOptions(const std::string& s) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t end = s.find(':', pos);
    if (end == std::string::npos) end = s.size();
    std::string item = s.substr(pos, end - pos);
    if (!item.empty()) {
      size_t eq = item.find('=');
      out.emplace_back(item.substr(0, eq), eq == std::string::npos ? "" : item.substr(eq + 1));
    }
    pos = end + 1;
  }
  return out;
}

std::string TempDir() {
  const char* t = std::getenv("TMPDIR");
  return t && *t ? t : "/tmp";
}

int RunProgram(RunState& st) {
  const char* env = std::getenv("CCSP_OPTIONS");
  std::string user_path, child_options;
  std::vector<std::string> extra_supp;
  for (auto& [k, v] : ParseOptions(env ? env : "")) {
    if (k == "suppressions") {  // read by the analyzer, not the runtime
      extra_supp.push_back(v);
      continue;
    }
    if (k == "trace_path") user_path = v;
    child_options += (child_options.empty() ? "" : ":") + k + "=" + v;
  }
  analyzer::Suppressions supp;
  if (!LoadSuppressions(st.common, extra_supp, &supp)) return kExitUsage;

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
    if (user_path.empty()) {
      char path[4096];
      std::snprintf(path, sizeof path, "%s%d.bin", prefix.c_str(), static_cast<int>(getpid()));
      unlink(path);
      std::snprintf(child_env, sizeof child_env, "%strace_path=%s", base_options.c_str(), path);
      setenv("CCSP_OPTIONS", child_env, 1);
    } else if (!child_options.empty()) {
      setenv("CCSP_OPTIONS", child_options.c_str(), 1);
    } else {
      unsetenv("CCSP_OPTIONS");
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
  std::string trace = user_path.empty() ? prefix + std::to_string(pid) + ".bin" : user_path;
  struct stat sb;
  if (stat(trace.c_str(), &sb) != 0) {
    PrintError(st.command[0] + " wrote no trace at " + trace +
               " (is it built with ccsp-cc / ccsp-c++?)");
    return kExitUsage;
  }
  bool failed = false;
  auto results = AnalyzeTraces({trace}, st.common, &supp, &failed);
  if (failed) return kExitUsage;
  if (!WriteReport(results, st.common, stderr)) return kExitUsage;
  PrintNote("trace kept at " + trace);
  int code = ReportsExitCode(results, st.common);
  return code >= 0 ? code : prog_status;
}

}  // namespace

Subcommand AddRunCommand(CLI::App& root, const std::vector<std::string>& program) {
  auto st = std::make_shared<RunState>();
  CLI::App* cmd = root.add_subcommand(
      "run", "Run an instrumented program with a fresh trace, then analyze it");
  AddCommonOptions(*cmd, st->common);
  // Without `--`, plain words are the program and its arguments; with it, anything goes.
  cmd->add_option("command", st->command, "PROG ARGS... (put -- before the program)");
  return Subcommand{cmd, [st, &program]() -> int {
                      st->command.insert(st->command.end(), program.begin(), program.end());
                      if (st->command.empty()) {
                        PrintError("run: no program given (usage: ccsp-analyze run -- PROG ARGS...)");
                        return kExitUsage;
                      }
                      return RunProgram(*st);
                    }};
}

}  // namespace ccsp::cli
