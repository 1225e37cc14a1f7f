// Text reports shorten the standard library's spelled-out type names, as debuggers do.
#include "analyzer/reports/type_names.h"

#include <gtest/gtest.h>

namespace ccsp::analyzer {
namespace {

TEST(TypeNames, StringIsStdString) {
  EXPECT_EQ(ShortTypeNames("ccsp::chan<std::__cxx11::basic_string<char, std::char_traits<char>, "
                           "std::allocator<char>>>::recv() const"),
            "ccsp::chan<std::string>::recv() const");
}

TEST(TypeNames, ContainerDefaultsAreDropped) {
  EXPECT_EQ(ShortTypeNames("f(std::vector<int, std::allocator<int> >&)"), "f(std::vector<int>&)");
  EXPECT_EQ(ShortTypeNames("std::map<int, std::__cxx11::basic_string<char, std::char_traits<char>, "
                           "std::allocator<char> >, std::less<int>, std::allocator<std::pair<int const, "
                           "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> > > > >"),
            "std::map<int, std::string>");
  EXPECT_EQ(ShortTypeNames("std::unique_ptr<Foo, std::default_delete<Foo>>"), "std::unique_ptr<Foo>");
}

TEST(TypeNames, UserTemplatesAndOperatorsAreKept) {
  EXPECT_EQ(ShortTypeNames("Pool<int, MyAlloc<int>>::get()"), "Pool<int, MyAlloc<int>>::get()");
  EXPECT_EQ(ShortTypeNames("operator<(A const&, B const&)"), "operator<(A const&, B const&)");
  EXPECT_EQ(ShortTypeNames("operator<<(std::ostream&, X)"), "operator<<(std::ostream&, X)");
  EXPECT_EQ(ShortTypeNames("main"), "main");
}

TEST(TypeNames, UnbalancedNamesComeBackUnchanged) {
  EXPECT_EQ(ShortTypeNames("f<int(std::vector<int"), "f<int(std::vector<int");
}

}  // namespace
}  // namespace ccsp::analyzer
