// ccsp-cc / ccsp-c++: drop-in replacements for clang-19 / clang++-19. They add the
// instrumentation plugin, line-table debug info and the API include directory, link the ccsp
// runtime into executables, and exec clang. Every user argument passes through unchanged.
//
// Environment overrides: CCSP_CLANG / CCSP_CLANGXX (the compiler), CCSP_PLUGIN (the pass
// plugin), CCSP_RUNTIME (libccsp_rt.a), CCSP_DYNAMIC_LIST (the runtime's export list),
// CCSP_WRAPPER_VERBOSE=1 (print the command before running it), CCSP_VET (ccsp-vet, for --vet).
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#ifndef CCSP_WRAPPER_CXX
#error "build with -DCCSP_WRAPPER_CXX=0 (ccsp-cc) or 1 (ccsp-c++)"
#endif

namespace {

constexpr bool kCxx = CCSP_WRAPPER_CXX != 0;
constexpr const char* kName = kCxx ? "ccsp-c++" : "ccsp-cc";

// Where the tools live, relative to this executable (<prefix>/bin/ccsp-cc):
//   <prefix>/lib/libccsp_instrument.so, <prefix>/lib/libccsp_rt.a,
//   <prefix>/lib/ccsp_rt.dynamic-list, <prefix>/include/ccsp/abi.h (installed layout).
// CCSP_SOURCE_INCLUDE_DIR and CCSP_SOURCE_DYNAMIC_LIST point into the source tree (build-tree
// layout); the default compilers are the clang the plugin was built against.
struct Tools {
  std::string compiler;
  std::string plugin;
  std::string runtime;
  std::string dynamic_list;  // empty: export everything (-rdynamic)
  std::string include_dir;
};

bool Exists(const std::string& path) { return !path.empty() && access(path.c_str(), F_OK) == 0; }

std::string Dirname(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string SelfDir() {
  std::vector<char> buf(4096);
  ssize_t n = readlink("/proc/self/exe", buf.data(), buf.size() - 1);
  if (n <= 0) return ".";
  return Dirname(std::string(buf.data(), static_cast<size_t>(n)));
}

std::string Env(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::string(value) : fallback;
}

Tools Locate() {
  std::string prefix = Dirname(SelfDir());
  Tools t;
  t.compiler =
      kCxx ? Env("CCSP_CLANGXX", CCSP_DEFAULT_CLANGXX) : Env("CCSP_CLANG", CCSP_DEFAULT_CLANG);
  t.plugin = Env("CCSP_PLUGIN", prefix + "/lib/libccsp_instrument.so");
  t.runtime = Env("CCSP_RUNTIME", prefix + "/lib/libccsp_rt.a");
  if (const char* list = std::getenv("CCSP_DYNAMIC_LIST")) {
    t.dynamic_list = list;  // set but empty: force -rdynamic
  } else if (std::string next_to_rt = Dirname(t.runtime) + "/ccsp_rt.dynamic-list";
             Exists(next_to_rt)) {
    t.dynamic_list = next_to_rt;
  } else if (Exists(CCSP_SOURCE_DYNAMIC_LIST)) {
    t.dynamic_list = CCSP_SOURCE_DYNAMIC_LIST;
  }
  t.include_dir = Exists(prefix + "/include/ccsp/abi.h") ? prefix + "/include"
                                                         : std::string(CCSP_SOURCE_INCLUDE_DIR);
  return t;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Options whose value is the next argument (so that value is not an input file).
bool TakesSeparateValue(std::string_view a) {
  // clang-format off
  static constexpr std::string_view kOptions[] = {
      "-o", "-x", "-I", "-D", "-U", "-L", "-l", "-include", "-imacros", "-isystem",
      "-idirafter", "-iquote", "-iprefix", "-iwithprefix", "-iwithprefixbefore", "-isysroot",
      "-isystem-after", "-cxx-isystem", "-MF", "-MT", "-MQ", "-Xlinker", "-Xclang",
      "-Xassembler", "-Xpreprocessor", "-Xopenmp-target", "-mllvm", "-T", "-u", "-z", "-e",
      "-target", "-arch", "-F", "-framework", "-rpath", "--sysroot", "-B", "-ivfsoverlay",
      "-working-directory", "-dependency-file", "-aux-triple", "--param", "-A", "-Xcuda-ptxas",
      "-Xcuda-fatbinary", "-G", "-MJ"};
  // clang-format on
  for (std::string_view o : kOptions) {
    if (a == o) return true;
  }
  return false;
}

// Options that select a debug-info level (-g0 included: the user has decided).
bool IsDebugLevelFlag(std::string_view a) {
  if (!StartsWith(a, "-g")) return false;
  if (a == "-g" || a == "-g0" || a == "-g1" || a == "-g2" || a == "-g3") return true;
  static constexpr std::string_view kPrefixes[] = {"-ggdb",
                                                   "-gdwarf",
                                                   "-gline-tables-only",
                                                   "-gline-directives-only",
                                                   "-gfull",
                                                   "-gmlt",
                                                   "-glldb",
                                                   "-gsce",
                                                   "-gdbx",
                                                   "-gstabs",
                                                   "-gcodeview"};
  for (std::string_view p : kPrefixes) {
    if (StartsWith(a, p)) return true;
  }
  return false;
}

struct Invocation {
  bool has_input = false;        // a file to compile or link (or a response file)
  bool stops_early = false;      // -c, -S, -E, -M, -MM, -fsyntax-only, --precompile
  bool shared = false;           // -shared, -r: no runtime inside shared objects
  bool no_default_libs = false;  // -nostdlib, -nodefaultlibs
  bool has_debug_level = false;
  size_t end_of_options = 0;  // index of "--" in the user arguments, or their count
};

Invocation Analyze(const std::vector<std::string>& args) {
  Invocation inv;
  inv.end_of_options = args.size();
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (a == "--") {
      inv.end_of_options = i;
      if (i + 1 < args.size()) inv.has_input = true;
      break;
    }
    if (a.empty()) continue;
    if (a == "-" || a[0] != '-') {  // a file (or stdin), or an @response file
      inv.has_input = true;
      continue;
    }
    if (TakesSeparateValue(a)) {
      ++i;
      continue;
    }
    if (a == "-c" || a == "-S" || a == "-E" || a == "-M" || a == "-MM" || a == "-fsyntax-only" ||
        a == "--precompile") {
      inv.stops_early = true;
    } else if (a == "-shared" || a == "-r" || a == "--shared") {
      inv.shared = true;
    } else if (a == "-nostdlib" || a == "-nodefaultlibs") {
      inv.no_default_libs = true;
    } else if (IsDebugLevelFlag(a)) {
      inv.has_debug_level = true;
    }
  }
  return inv;
}

std::vector<std::string> CompileFlags(const Tools& t, bool add_debug) {
  std::vector<std::string> flags = {"-fpass-plugin=" + t.plugin};
  if (add_debug) {
    // Line tables are enough for the site table; -fdebug-info-for-profiling adds the linkage
    // names, so functions inlined away still get their full demangled names.
    flags.push_back("-gline-tables-only");
    flags.push_back("-fdebug-info-for-profiling");
  }
  flags.push_back("-I" + t.include_dir);
  return flags;
}

std::vector<std::string> LinkFlags(const Tools& t) {
  // The whole archive: the interceptors must be in the executable even if nothing in the
  // program references them, and exported, so that they interpose libc/libstdc++ calls made
  // from shared libraries too.
  std::vector<std::string> flags = {"-Wl,--whole-archive", t.runtime, "-Wl,--no-whole-archive",
                                    "-lpthread", "-ldl"};
  if (t.dynamic_list.empty()) {
    flags.push_back("-rdynamic");
  } else {
    flags.push_back("-Wl,--dynamic-list=" + t.dynamic_list);
  }
  return flags;
}

std::string ShellQuote(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789-_=+./,:@%") == std::string::npos) {
    return s;
  }
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

void PrintFlags(const std::vector<std::string>& flags) {
  std::string line;
  for (const std::string& f : flags) line += (line.empty() ? "" : " ") + ShellQuote(f);
  std::printf("%s\n", line.c_str());
}

int Usage() {
  std::printf(
      "usage: %s [clang arguments...]\n"
      "Compiles with the ccsp instrumentation (race/deadlock recording) and links the ccsp\n"
      "runtime into executables; all other arguments go to %s unchanged.\n"
      "  --ccsp-print-flags          the compile and link flags, for calling clang directly\n"
      "  --ccsp-print-compile-flags  only the compile flags\n"
      "  --ccsp-print-link-flags     only the link flags\n"
      "  --vet                       run ccsp-vet's static checks on the sources first\n"
      "                              (findings are warnings; --vet=error makes them fail)\n",
      kName, kCxx ? "clang++" : "clang");
  return 0;
}

// --vet: the source files among the arguments, by extension (what clang compiles).
bool IsSource(std::string_view a) {
  size_t dot = a.rfind('.');
  if (dot == std::string_view::npos || a.find('/', dot) != std::string_view::npos) return false;
  std::string_view ext = a.substr(dot + 1);
  for (std::string_view e : {"c", "cc", "cpp", "cxx", "c++", "cp", "C", "CC", "CPP"}) {
    if (ext == e) return true;
  }
  return false;
}

// Runs ccsp-vet on the sources with the same flags (its report goes to stderr, as compiler
// warnings do) and returns its exit status: 0 clean, 1 findings, other: could not check.
// A file that does not compile is left to the compiler to report.
int RunVet(const std::vector<std::string>& args, const Invocation& inv, const Tools& t) {
  std::vector<std::string> sources;
  std::vector<std::string> flags;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    bool after_dashes = i > inv.end_of_options;
    if (i == inv.end_of_options) continue;  // the "--" itself
    if (IsSource(a) && (after_dashes || a[0] != '-')) {
      sources.push_back(a);
    } else if (!after_dashes) {
      flags.push_back(a);
      if (TakesSeparateValue(a) && i + 1 < args.size()) flags.push_back(args[++i]);
    }
  }
  if (sources.empty()) return 0;
  std::string vet = Env("CCSP_VET", SelfDir() + "/ccsp-vet");
  std::vector<std::string> cmd = {vet, "--quiet-compile-errors"};
  cmd.insert(cmd.end(), sources.begin(), sources.end());
  cmd.push_back("--");
  if (kCxx) cmd.push_back("--driver-mode=g++");
  cmd.push_back("-I" + t.include_dir);
  cmd.insert(cmd.end(), flags.begin(), flags.end());
  std::vector<char*> vet_argv;
  for (std::string& c : cmd) vet_argv.push_back(c.data());
  vet_argv.push_back(nullptr);
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    dup2(STDERR_FILENO, STDOUT_FILENO);
    execvp(vet_argv[0], vet_argv.data());
    std::fprintf(stderr, "%s: error: --vet: cannot run '%s': %s\n", kName, vet_argv[0],
                 std::strerror(errno));
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool Require(const std::string& path, const char* what, const char* env) {
  if (Exists(path)) return true;
  std::fprintf(stderr, "%s: error: %s not found at '%s' (build ccsp, or set %s)\n", kName, what,
               path.c_str(), env);
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  // --vet / --vet=error are ours (before any "--"); everything else goes to clang.
  enum class Vet { kOff, kWarn, kError } vet = Vet::kOff;
  std::vector<std::string> user;
  bool past_dashes = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    past_dashes = past_dashes || a == "--";
    if (!past_dashes && a == "--vet") {
      vet = Vet::kWarn;
    } else if (!past_dashes && a == "--vet=error") {
      vet = Vet::kError;
    } else {
      user.emplace_back(a);
    }
  }
  Tools tools = Locate();
  for (const std::string& a : user) {
    if (a == "--ccsp-help") return Usage();
    if (a == "--ccsp-print-flags" || a == "--ccsp-print-compile-flags" ||
        a == "--ccsp-print-link-flags") {
      std::vector<std::string> flags;
      if (a != "--ccsp-print-link-flags") flags = CompileFlags(tools, true);
      if (a != "--ccsp-print-compile-flags") {
        for (std::string& f : LinkFlags(tools)) flags.push_back(std::move(f));
      }
      PrintFlags(flags);
      return 0;
    }
  }

  Invocation inv = Analyze(user);
  bool links_runtime = inv.has_input && !inv.stops_early && !inv.shared && !inv.no_default_libs;
  if (inv.has_input && !Require(tools.plugin, "instrumentation plugin", "CCSP_PLUGIN")) return 1;
  if (links_runtime && !Require(tools.runtime, "runtime library", "CCSP_RUNTIME")) return 1;
  if (vet != Vet::kOff && inv.has_input) {
    int found = RunVet(user, inv, tools);
    if (found == 127) return 1;  // ccsp-vet missing: said so already
    if (found < 0) {
      std::fprintf(stderr, "%s: error: --vet: ccsp-vet did not complete\n", kName);
      return 1;
    }
    if (found == 1 && vet == Vet::kError) {
      std::fprintf(stderr, "%s: error: --vet=error: ccsp-vet found problems (above)\n", kName);
      return 1;
    }
  }

  std::vector<std::string> cmd = {tools.compiler};
  for (std::string& f : CompileFlags(tools, !inv.has_debug_level)) cmd.push_back(std::move(f));
  cmd.insert(cmd.end(), user.begin(), user.begin() + static_cast<long>(inv.end_of_options));
  if (links_runtime) {
    for (std::string& f : LinkFlags(tools)) cmd.push_back(std::move(f));
  }
  cmd.insert(cmd.end(), user.begin() + static_cast<long>(inv.end_of_options), user.end());

  if (const char* verbose = std::getenv("CCSP_WRAPPER_VERBOSE"); verbose && *verbose == '1') {
    std::string line;
    for (const std::string& c : cmd) line += (line.empty() ? "" : " ") + ShellQuote(c);
    std::fprintf(stderr, "%s: %s\n", kName, line.c_str());
  }
  std::vector<char*> exec_argv;
  for (std::string& c : cmd) exec_argv.push_back(c.data());
  exec_argv.push_back(nullptr);
  execvp(exec_argv[0], exec_argv.data());
  std::fprintf(stderr, "%s: error: cannot run '%s': %s\n", kName, exec_argv[0],
               std::strerror(errno));
  return 127;
}
