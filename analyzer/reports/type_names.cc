// Type-name shortening (type_names.h): template argument lists are parsed by bracket depth
// (operator< and friends are plain text), each argument is shortened first, then the
// standard library's default arguments are dropped from the end. A name that does not parse
// (unbalanced brackets) is returned as it came.
#include "analyzer/reports/type_names.h"

#include <cctype>
#include <string_view>
#include <vector>

namespace ccsp::analyzer {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

// Arguments that are the default of the template they end (allocators, comparators...).
bool IsDefaultArg(const std::string& a) {
  for (const char* p : {"std::allocator<", "std::less<", "std::equal_to<", "std::hash<",
                        "std::default_delete<", "std::char_traits<"})
    if (StartsWith(a, p)) return true;
  return false;
}

// The identifier (with its qualifiers) that ends at `end` in `out`.
size_t NameStart(const std::string& out) {
  size_t i = out.size();
  while (i > 0) {
    char c = out[i - 1];
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':') --i;
    else break;
  }
  return i;
}

// Shortens s[pos, end) up to the '>' closing the list that starts before pos (or the end).
// Returns false on unbalanced brackets.
bool Shorten(std::string_view s, size_t& pos, std::string& out, bool in_list) {
  while (pos < s.size()) {
    char c = s[pos];
    if (in_list && (c == '>' || c == ',')) return true;
    if (c == '<' && !EndsWith(out, "operator") && !EndsWith(out, "operator<")) {
      size_t name_at = NameStart(out);
      std::string name = out.substr(name_at);
      std::vector<std::string> args;
      ++pos;
      while (true) {
        std::string arg;
        if (!Shorten(s, pos, arg, true) || pos >= s.size()) return false;
        args.push_back(Trim(arg));
        if (s[pos++] == '>') break;
      }
      if (StartsWith(name, "std::")) {
        while (args.size() > 1 && IsDefaultArg(args.back())) args.pop_back();
      }
      if (EndsWith(name, "basic_string") && args.size() == 1 && args[0] == "char") {
        out.resize(name_at);
        out += "std::string";
        continue;
      }
      out += '<';
      for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
      out += '>';
      continue;
    }
    out += c;
    ++pos;
  }
  return !in_list;
}

}  // namespace

std::string ShortTypeNames(const std::string& name) {
  if (name.find('<') == std::string::npos && name.find("__cxx11") == std::string::npos) return name;
  std::string plain;
  plain.reserve(name.size());
  for (size_t i = 0; i < name.size();) {  // inline namespaces of the standard libraries
    if (name.compare(i, 9, "__cxx11::") == 0) {
      i += 9;
    } else if (name.compare(i, 5, "__1::") == 0 && i >= 5 && name.compare(i - 5, 5, "std::") == 0) {
      i += 5;
    } else {
      plain += name[i++];
    }
  }
  std::string out;
  size_t pos = 0;
  if (!Shorten(plain, pos, out, false)) return plain;
  return out;
}

}  // namespace ccsp::analyzer
