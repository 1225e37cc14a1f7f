// --fix: writes the findings' fix-its into the source files, as clang-tidy --fix does.
#pragma once

#include <string>
#include <vector>

#include "cli/vet/checks/check.h"

namespace ccsp::vet {

// Applies every fix-it; of overlapping edits only the first (in file order) is made. Returns
// the number of edits made, or -1 with *error set (one line) when a file cannot be rewritten.
int ApplyFixes(const std::vector<Finding>& findings, std::string* error);

}  // namespace ccsp::vet
