// CCSP_OPTIONS at start-up: the shared parser (rtlib/options) into g_options, its problems and
// help list on stderr through raw writes (this runs before main, maybe from .preinit_array).
// Options are never changed after start-up, so readers need no synchronization.
#include "options.h"

#include <string.h>

#include "ccsp_options/option_parser.h"
#include "ccsp_options/trace_path.h"
#include "common.h"
#include "meta_stream.h"

namespace ccsp::rt {

constinit Options g_options;

namespace {

using options::kOptionCount;
using options::kOptionInfo;
using options::OptionId;
using options::TextOut;

void WriteLine(TextOut& t) {
  WriteStderr(t.c_str(), t.size());
  WriteStderr("\n", 1);
}

}  // namespace

void InitOptions(const char* text) {
  size_t len = text ? strlen(text) : 0;
  options::ParseOptions(text, len, &g_options, [](const options::Problem& p) {
    char data[2560];
    TextOut t(data, sizeof data);
    t.Put("ccsp: warning: ");
    options::FormatProblem(p, g_options, t);
    WriteLine(t);
  });
  if (g_options.help)
    options::ForEachHelpLine(g_options, [](const char* line, size_t n) { WriteStderr(line, n); });
  if (g_options.verbosity >= 2) {
    for (size_t i = 0; i < kOptionCount; ++i) {
      char data[1200];
      TextOut t(data, sizeof data);
      t.Put("ccsp: option ").Put(kOptionInfo[i].name).Put("=");
      options::FormatValue(g_options, static_cast<OptionId>(i), t);
      WriteLine(t);
    }
  }
}

void WriteOptionsMeta(const Options& o) {
  for (size_t i = 0; i < kOptionCount; ++i) {
    char data[1100];
    TextOut t(data, sizeof data);
    options::FormatValue(o, static_cast<OptionId>(i), t);
    meta::Option(kOptionInfo[i].name, t.c_str());
  }
}

void TracePathFor(const Options& o, uint64_t pid, bool fork_child, char* out, uint32_t cap) {
  TextOut t(out, cap);
  options::FormatTracePath(o.trace_path, pid, fork_child, t);
}

}  // namespace ccsp::rt
