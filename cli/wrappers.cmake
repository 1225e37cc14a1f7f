# The compiler wrappers ccsp-cc and ccsp-c++: one source, two executables. At run time they find
# the plugin and the runtime next to themselves (../lib); the compilers (the clang the plugin is
# built against) and the source-tree paths of the API headers and the runtime's export list are
# baked in here.
foreach(wrapper ccsp-cc ccsp-c++)
  if(wrapper STREQUAL "ccsp-c++")
    set(is_cxx 1)
  else()
    set(is_cxx 0)
  endif()
  add_executable(${wrapper} ${CMAKE_CURRENT_LIST_DIR}/ccsp_cc.cc)
  target_compile_definitions(${wrapper} PRIVATE
    CCSP_WRAPPER_CXX=${is_cxx}
    CCSP_DEFAULT_CLANG="${LLVM_TOOLS_BINARY_DIR}/clang"
    CCSP_DEFAULT_CLANGXX="${LLVM_TOOLS_BINARY_DIR}/clang++"
    CCSP_SOURCE_INCLUDE_DIR="${CMAKE_SOURCE_DIR}/rtlib/include"
    CCSP_SOURCE_DYNAMIC_LIST="${CMAKE_SOURCE_DIR}/rtlib/ccsp_rt.dynamic-list")
  # A wrapper is only useful with what it loads and links.
  foreach(dep ccsp_instrument ccsp_rt)
    if(TARGET ${dep})
      add_dependencies(${wrapper} ${dep})
    endif()
  endforeach()
endforeach()
