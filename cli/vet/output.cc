// Text and SARIF rendering of vet findings. Rule ids are "ccsp-vet-NAME", as in the text
// format; each result carries a line-content fingerprint so code scanning can follow a
// finding when lines above it move.
#include "cli/vet/output.h"

#include <cstdint>
#include <cstdio>

#include "analyzer/sarif/sarif_log.h"

#ifndef CCSP_VERSION
#define CCSP_VERSION "0.0.0"
#endif

namespace ccsp::vet {

namespace {

std::string Trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::string Fingerprint(const Finding& f, const std::string& relative) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (const std::string& part : {f.check, relative, Trimmed(f.source_line)}) {
    for (unsigned char c : part) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string Sentence(std::string s) {
  if (!s.empty() && s.back() != '.') s += '.';
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

const CheckInfo* InfoOf(const std::string& name) {
  for (const CheckInfo& c : AllChecks()) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

}  // namespace

void RenderText(const std::vector<Finding>& findings, std::ostream& out) {
  for (const Finding& f : findings) {
    out << f.file << ":" << f.line << ":" << f.column << ": warning: " << f.message
        << " [ccsp-vet-" << f.check << "]\n";
    if (f.source_line.empty()) continue;
    std::string gutter = std::to_string(f.line);
    if (gutter.size() < 5) gutter = std::string(5 - gutter.size(), ' ') + gutter;
    std::string blank(gutter.size(), ' ');
    out << gutter << " | " << f.source_line << "\n";
    // Tabs stay tabs so the caret lines up under them.
    std::string pad;
    for (unsigned i = 1; i < f.column && i - 1 < f.source_line.size(); ++i) {
      pad += f.source_line[i - 1] == '\t' ? '\t' : ' ';
    }
    out << blank << " | " << pad << "^\n";
    for (const FixIt& fix : f.fixits) {
      if (fix.line != f.line || fix.replacement.empty()) continue;
      std::string at;
      for (unsigned i = 1; i < fix.column && i - 1 < f.source_line.size(); ++i) {
        at += f.source_line[i - 1] == '\t' ? '\t' : ' ';
      }
      out << blank << " | " << at << fix.replacement << "\n";
    }
  }
}

std::string RenderSarif(const std::vector<Finding>& findings,
                        const std::vector<std::string>& checks,
                        const std::vector<std::string>& failed_files,
                        const std::string& source_root) {
  sarif::Tool tool;
  tool.name = "ccsp-vet";
  tool.version = CCSP_VERSION;
  for (const std::string& name : checks) {
    const CheckInfo* info = InfoOf(name);
    if (!info) continue;
    sarif::Rule rule;
    rule.id = "ccsp-vet-" + name;
    rule.name = name;
    rule.short_description = Sentence(info->summary);
    rule.help_text = Sentence(info->help);
    tool.rules.push_back(std::move(rule));
  }
  sarif::Log log(std::move(tool), source_root);
  std::string root = source_root;
  if (!root.empty() && root.back() != '/') root += '/';
  for (const Finding& f : findings) {
    sarif::Result r;
    r.rule_id = "ccsp-vet-" + f.check;
    r.level = sarif::Level::kWarning;
    r.message = Sentence(f.message);
    r.locations.push_back({f.file, {f.line, f.column, 0, 0}, ""});
    std::string relative = f.file;
    if (!root.empty() && relative.compare(0, root.size(), root) == 0) {
      relative = relative.substr(root.size());
    }
    r.partial_fingerprints["ccspVetLineHash/v1"] = Fingerprint(f, relative);
    if (!f.fixits.empty()) {
      sarif::Fix fix;
      fix.description = Sentence(f.fix_description.empty() ? "apply the suggested change"
                                                           : f.fix_description);
      for (const FixIt& x : f.fixits) {
        fix.replacements.push_back(
            {f.file, {x.line, x.column, x.end_line, x.end_column}, x.replacement});
      }
      r.fixes.push_back(std::move(fix));
    }
    log.AddResult(std::move(r));
  }
  for (const std::string& file : failed_files) {
    log.AddNotification(sarif::Level::kError,
                        "The file could not be analyzed: it does not compile.", {file, {}, ""});
  }
  log.SetExecutionSuccessful(failed_files.empty());
  return log.ToJson();
}

}  // namespace ccsp::vet
