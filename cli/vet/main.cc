// ccsp-vet: static concurrency checks (the checks live in cli/vet/checks). Thin front end:
// options, the compilation database (-p BUILD_DIR, `-- flags`, or the whole database when no
// file is named), one ClangTool run per file, and output routing. Exit: 0 clean, 1 findings,
// 2 usage error, 3 some file could not be analyzed (it does not compile).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "clang/Basic/Diagnostic.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "cli/vet/checks/runner.h"
#include "cli/vet/fixes.h"
#include "cli/vet/output.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace {

using namespace llvm;
namespace tooling = clang::tooling;

cl::OptionCategory kCategory("ccsp-vet options");
cl::opt<std::string> format_opt("format", cl::desc("Output format: text (clang's) or sarif"),
                                cl::init("text"), cl::cat(kCategory));
cl::opt<std::string> checks_opt(
    "checks", cl::desc("Comma-separated checks to run; -NAME removes one (default: all)"),
    cl::init(""), cl::cat(kCategory));
cl::opt<bool> list_opt("list-checks", cl::desc("List the checks and exit"), cl::cat(kCategory));
cl::opt<std::string> output_opt("o", cl::desc("Write the report to this file"),
                                cl::value_desc("file"), cl::cat(kCategory));
cl::alias output_alias("output", cl::desc("Alias for -o"), cl::aliasopt(output_opt),
                       cl::cat(kCategory));
cl::opt<std::string> srcroot_opt(
    "srcroot", cl::desc("SARIF: paths are written relative to this directory (default: cwd)"),
    cl::init(""), cl::cat(kCategory));
cl::opt<bool> headers_opt("headers",
                          cl::desc("Also report findings in non-system headers"),
                          cl::cat(kCategory));
cl::opt<bool> fix_opt("fix", cl::desc("Apply the suggested fixes to the source files"),
                      cl::cat(kCategory));
cl::opt<bool> quiet_errors_opt(
    "quiet-compile-errors",
    cl::desc("Do not print compiler errors of files that do not compile (ccsp-c++ --vet)"),
    cl::Hidden, cl::cat(kCategory));
cl::extrahelp common_help(tooling::CommonOptionsParser::HelpMessage);
cl::extrahelp more_help(
    "\nExit status: 0 nothing found, 1 findings, 2 usage error, 3 a file did not compile.\n"
    "A `// ccsp-vet:ignore NAME` comment on the line, or on a comment line just above it,\n"
    "suppresses that line's NAME finding.\n");

int UsageError(const std::string& message) {
  std::fprintf(stderr, "ccsp-vet: error: %s\n", message.c_str());
  return 2;
}

std::string SelfDir() {
  std::vector<char> buf(4096);
  ssize_t n = readlink("/proc/self/exe", buf.data(), buf.size() - 1);
  if (n <= 0) return ".";
  return sys::path::parent_path(std::string(buf.data(), static_cast<size_t>(n))).str();
}

// <ccsp/ccsp.hpp>: installed next to us, else the source tree. Added after every other
// include path, so builds through ccsp-c++ (which adds it itself) parse without it.
std::string CcspIncludeDir() {
  std::string installed = sys::path::parent_path(SelfDir()).str() + "/include";
  if (sys::fs::exists(installed + "/ccsp/ccsp.hpp")) return installed;
  return CCSP_SOURCE_INCLUDE_DIR;
}

std::string ResourceDir() {
  if (const char* env = std::getenv("CCSP_VET_RESOURCE_DIR"); env && *env) return env;
  return CCSP_VET_RESOURCE_DIR;
}

// The value of -p in argv, if any (before "--").
std::string BuildPathArg(int argc, const char** argv) {
  for (int i = 1; i < argc; ++i) {
    StringRef a = argv[i];
    if (a == "--") break;
    if ((a == "-p" || a == "--p") && i + 1 < argc) return argv[i + 1];
    if (a.starts_with("-p=")) return a.substr(3).str();
    if (a.starts_with("--p=")) return a.substr(4).str();
  }
  return "";
}

bool HasDoubleDash(int argc, const char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (StringRef(argv[i]) == "--") return true;
  }
  return false;
}

// A non-owning view of CommonOptionsParser's database, so that it can be wrapped. A file
// compiled twice (a fuzzer build of the same sources) is checked once, with its first command.
class BorrowedDatabase : public tooling::CompilationDatabase {
 public:
  explicit BorrowedDatabase(tooling::CompilationDatabase& db) : db_(db) {}
  std::vector<tooling::CompileCommand> getCompileCommands(StringRef file) const override {
    std::vector<tooling::CompileCommand> all = db_.getCompileCommands(file);
    if (all.size() > 1) all.resize(1);
    return all;
  }
  std::vector<std::string> getAllFiles() const override { return db_.getAllFiles(); }
  std::vector<tooling::CompileCommand> getAllCompileCommands() const override {
    return db_.getAllCompileCommands();
  }

 private:
  tooling::CompilationDatabase& db_;
};

// Counts compiler errors (so that a file that does not compile is still exit 3) without
// printing them: ccsp-c++ --vet leaves them to the compiler.
class QuietDiagnostics : public clang::DiagnosticConsumer {
 public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level,
                        const clang::Diagnostic& info) override {
    clang::DiagnosticConsumer::HandleDiagnostic(level, info);
  }
};

tooling::ArgumentsAdjuster VetAdjuster() {
  std::string resource_dir = ResourceDir();
  std::string include_dir = CcspIncludeDir();
  return [resource_dir, include_dir](const tooling::CommandLineArguments& args, StringRef) {
    tooling::CommandLineArguments out;
    bool has_resource_dir = false;
    for (const std::string& a : args) {
      if (StringRef(a).starts_with("-resource-dir")) has_resource_dir = true;
    }
    for (size_t i = 0; i < args.size(); ++i) {
      out.push_back(args[i]);
      if (i == 0 && !has_resource_dir) out.push_back("-resource-dir=" + resource_dir);
    }
    // Compiler warnings are the compiler's business; errors still show. Before a "--"
    // (interpolated commands end with "-- FILE").
    auto at = std::find(out.begin(), out.end(), "--");
    out.insert(at, {"-w", "-idirafter", include_dir});
    return out;
  };
}

}  // namespace

int main(int argc, const char** argv) {
  std::string build_path = BuildPathArg(argc, argv);
  std::unique_ptr<tooling::CompilationDatabase> whole_db;
  std::vector<std::string> all_files;
  if (!build_path.empty()) {
    if (!sys::fs::is_directory(build_path)) {
      return UsageError("-p " + build_path + ": not a directory");
    }
    std::string why;
    whole_db = tooling::CompilationDatabase::autoDetectFromDirectory(build_path, why);
    if (!whole_db) {
      return UsageError("-p " + build_path + ": no compile_commands.json there or above (configure "
                        "with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)");
    }
    all_files = whole_db->getAllFiles();
  }

  // Parse once to learn whether files were named; with none, the whole database is checked.
  std::vector<const char*> args(argv, argv + argc);
  auto parsed = tooling::CommonOptionsParser::create(argc, argv, kCategory, cl::ZeroOrMore,
                                                     "ccsp-vet: static concurrency checks");
  if (!parsed) {
    std::string message = toString(parsed.takeError());
    std::string first = message.substr(0, message.find('\n'));
    if (StringRef(first).starts_with("ccsp-vet: ")) first = first.substr(10);
    return UsageError(first);
  }
  if (list_opt) {
    for (const ccsp::vet::CheckInfo& c : ccsp::vet::AllChecks()) {
      std::printf("%-13s %s\n", c.name, c.summary);
    }
    return 0;
  }
  if (format_opt != "text" && format_opt != "sarif") {
    return UsageError("unknown --format '" + format_opt + "' (text or sarif)");
  }
  std::vector<std::string> checks;
  std::string error;
  if (!ccsp::vet::SelectChecks(checks_opt, &checks, &error)) return UsageError(error);

  std::vector<std::string> sources = parsed->getSourcePathList();
  if (sources.empty()) {
    if (!whole_db) {
      return UsageError("no input files (name files, or give -p BUILD_DIR to check the whole "
                        "compilation database)");
    }
    if (all_files.empty()) return UsageError("-p " + build_path + ": the database lists no files");
    // Parse again with every file of the database named (a stale entry is skipped).
    for (const std::string& f : all_files) {
      if (sys::fs::exists(f)) {
        args.push_back(f.c_str());
      } else {
        std::fprintf(stderr, "ccsp-vet: warning: %s (in the database) does not exist\n",
                     f.c_str());
      }
    }
    int n = static_cast<int>(args.size());
    if (HasDoubleDash(argc, argv)) {
      return UsageError("with `-- flags`, name the files to check");
    }
    parsed = tooling::CommonOptionsParser::create(n, args.data(), kCategory, cl::ZeroOrMore);
    if (!parsed) return UsageError(toString(parsed.takeError()));
    sources = parsed->getSourcePathList();
  }
  for (const std::string& s : sources) {
    if (!sys::fs::exists(s)) return UsageError(s + ": no such file");
  }

  std::unique_ptr<tooling::CompilationDatabase> db = tooling::inferMissingCompileCommands(
      std::make_unique<BorrowedDatabase>(parsed->getCompilations()));

  ccsp::vet::Options options;
  options.checks = checks;
  options.include_headers = headers_opt;
  ccsp::vet::Runner runner(options);
  std::unique_ptr<tooling::FrontendActionFactory> factory = runner.NewActionFactory();
  QuietDiagnostics quiet;
  std::vector<std::string> failed;
  for (const std::string& file : sources) {
    tooling::ClangTool tool(*db, {file});
    tool.appendArgumentsAdjuster(VetAdjuster());
    if (quiet_errors_opt) {
      tool.setDiagnosticConsumer(&quiet);
      tool.setPrintErrorMessage(false);
      // No "N errors generated." either (clang prints it only with carets on).
      tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
          "-fno-caret-diagnostics", tooling::ArgumentInsertPosition::END));
    }
    if (tool.run(factory.get()) != 0) failed.push_back(file);
  }
  std::vector<ccsp::vet::Finding> findings = runner.TakeFindings();

  std::ofstream file_out;
  std::ostream* out = &std::cout;
  if (!output_opt.empty()) {
    file_out.open(output_opt);
    if (!file_out) return UsageError("cannot write " + output_opt);
    out = &file_out;
  }
  if (format_opt == "sarif") {
    std::string root = srcroot_opt;
    if (root.empty()) {
      SmallString<256> cwd;
      if (!sys::fs::current_path(cwd)) root = std::string(cwd);
    }
    *out << ccsp::vet::RenderSarif(findings, checks, failed, root);
  } else {
    ccsp::vet::RenderText(findings, *out);
  }
  out->flush();
  if (fix_opt) {
    int applied = ccsp::vet::ApplyFixes(findings, &error);
    if (applied < 0) return UsageError(error);
    std::fprintf(stderr, "ccsp-vet: applied %d fix%s\n", applied, applied == 1 ? "" : "es");
  }
  if (!failed.empty()) {
    if (quiet_errors_opt) return 3;
    std::fprintf(stderr, "ccsp-vet: error: %zu file%s could not be analyzed (compile errors)%s\n",
                 failed.size(), failed.size() == 1 ? "" : "s",
                 failed.size() == 1 ? (": " + failed[0]).c_str() : "");
    return 3;
  }
  return findings.empty() ? 0 : 1;
}
