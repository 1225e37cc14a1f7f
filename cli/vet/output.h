// ccsp-vet's renderers: clang's diagnostic format (file:line:col: warning: ... [ccsp-vet-NAME],
// then the source line, a caret and the fix-it), and a SARIF 2.1.0 log through ccsp_sarif.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/vet/checks/check.h"

namespace ccsp::vet {

void RenderText(const std::vector<Finding>& findings, std::ostream& out);

// failed_files: files that could not be analyzed (reported as tool notifications).
std::string RenderSarif(const std::vector<Finding>& findings,
                        const std::vector<std::string>& checks,
                        const std::vector<std::string>& failed_files,
                        const std::string& source_root);

}  // namespace ccsp::vet
