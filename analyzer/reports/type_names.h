// Short C++ type names for text reports, as debuggers' type printers show them:
// std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>> is
// std::string, std::vector<int, std::allocator<int>> is std::vector<int>, and the default
// comparators, hashers and allocators of the standard containers are dropped. JSON keeps the
// names as the compiler spelled them.
#pragma once

#include <string>

namespace ccsp::analyzer {

std::string ShortTypeNames(const std::string& name);

}  // namespace ccsp::analyzer
