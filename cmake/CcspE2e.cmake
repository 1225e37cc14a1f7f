# End-to-end cases: a program built with the ccsp instrumentation, run through the shared
# harness (tests/e2e/harness/ccsp_e2e.py), checked against the `// EXPECT:` lines in its source.
# Used by tests/e2e/ and samples/; syntax and usage in tests/e2e/README.md.
#
#   include(${CMAKE_SOURCE_DIR}/cmake/CcspE2e.cmake)
#   ccsp_add_e2e_case(<test-name> <source> [OPT <level>...] [LABELS <label>...]
#                     [TIMEOUT <seconds>] [VIA record|run] [LINK_LIBRARIES <lib>...])
#   ccsp_add_e2e_glob(PREFIX <prefix> [DIR <dir>] [LABELS ...] [MULTI_OPT <relpath>...]
#                     [EXCLUDE <relpath>...])
#
# Every case is its own ctest test (label `e2e` plus LABELS; skipped = pending, exit 77). All of
# them require the fixture `ccsp_e2e`, whose cleanup test `e2e.summary` runs after the last one
# and prints "e2e: N passed, N failed, N pending".
include_guard(DIRECTORY)  # variables below are directory-scoped: set them in every includer

set(CCSP_E2E_BACKEND ccsp CACHE STRING
    "e2e oracle: 'ccsp' (instrument, record, analyze) or 'tsan' (-fsanitize=thread: checks the cases)")
set_property(CACHE CCSP_E2E_BACKEND PROPERTY STRINGS ccsp tsan)
set(CCSP_E2E_TIMEOUT 10 CACHE STRING "Seconds an e2e program may run before it counts as hung")
# Cache (INTERNAL) rather than normal variables: include_guard(GLOBAL) means only the first
# includer's scope would see normal ones, and samples/ is a sibling of tests/e2e.
get_filename_component(_ccsp_e2e_harness ${CMAKE_CURRENT_LIST_DIR}/../tests/e2e/harness/ccsp_e2e.py
                       ABSOLUTE)
set(CCSP_E2E_HARNESS ${_ccsp_e2e_harness} CACHE INTERNAL "the e2e harness script")
set(CCSP_E2E_DIR ${CMAKE_BINARY_DIR}/e2e CACHE INTERNAL "e2e executables, work dirs, results")
find_package(Python3 COMPONENTS Interpreter REQUIRED)

# The results fixture: defined once, by whichever directory registers the first case.
function(_ccsp_e2e_fixture)
  get_property(done GLOBAL PROPERTY CCSP_E2E_FIXTURE_DEFINED)
  if(done)
    return()
  endif()
  set_property(GLOBAL PROPERTY CCSP_E2E_FIXTURE_DEFINED TRUE)
  add_test(NAME e2e.results.setup
           COMMAND ${Python3_EXECUTABLE} ${CCSP_E2E_HARNESS} reset --results ${CCSP_E2E_DIR}/results)
  set_tests_properties(e2e.results.setup PROPERTIES FIXTURES_SETUP ccsp_e2e LABELS e2e)
  add_test(NAME e2e.summary
           COMMAND ${Python3_EXECUTABLE} ${CCSP_E2E_HARNESS} summary --results ${CCSP_E2E_DIR}/results)
  set_tests_properties(e2e.summary PROPERTIES FIXTURES_CLEANUP ccsp_e2e LABELS e2e)
endfunction()

function(_ccsp_e2e_analyzer out)
  if(TARGET ccsp-analyze)
    set(${out} $<TARGET_FILE:ccsp-analyze> PARENT_SCOPE)
  else()
    set(${out} ${CMAKE_BINARY_DIR}/bin/ccsp-analyze PARENT_SCOPE)
  endif()
endfunction()

function(ccsp_add_e2e_case name source)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "TIMEOUT;VIA" "OPT;LABELS;LINK_LIBRARIES")
  if(NOT IS_ABSOLUTE ${source})
    set(source ${CMAKE_CURRENT_SOURCE_DIR}/${source})
  endif()
  if(NOT arg_OPT)
    set(arg_OPT 1)
  endif()
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT ${CCSP_E2E_TIMEOUT})
  endif()
  if(NOT arg_VIA)
    set(arg_VIA record)
  endif()
  if(CCSP_E2E_BACKEND STREQUAL "tsan")
    file(READ ${source} text)
    if(text MATCHES "#[ \t]*include[ \t]*<ccsp/ccsp\\.hpp>")
      return()  # the Go-style API's internal locks would hide its races from TSan
    endif()
  elseif(NOT COMMAND ccsp_instrument_target)
    get_property(warned GLOBAL PROPERTY CCSP_E2E_WARNED)
    if(NOT warned)
      message(WARNING "e2e: ccsp_instrument_target() is not defined (cmake/CcspInstrument.cmake "
                      "missing?): end-to-end cases are not built")
      set_property(GLOBAL PROPERTY CCSP_E2E_WARNED TRUE)
    endif()
    return()
  endif()
  if(NOT CCSP_E2E_DIR OR NOT EXISTS ${CCSP_E2E_HARNESS})
    message(FATAL_ERROR "ccsp_add_e2e_case: CCSP_E2E_DIR/CCSP_E2E_HARNESS unset")
  endif()
  _ccsp_e2e_fixture()
  _ccsp_e2e_analyzer(analyzer)
  find_package(Threads REQUIRED)  # imported targets are directory-scoped: find it per caller
  foreach(level ${arg_OPT})
    if(level STREQUAL "1")
      set(test ${name})
    else()
      set(test ${name}.O${level})
    endif()
    string(MAKE_C_IDENTIFIER "${test}" target)
    add_executable(${target} ${source})
    set_target_properties(${target} PROPERTIES OUTPUT_NAME ${test}
                          RUNTIME_OUTPUT_DIRECTORY ${CCSP_E2E_DIR}/bin)
    target_compile_options(${target} PRIVATE -g -O${level})
    target_link_libraries(${target} PRIVATE Threads::Threads ${arg_LINK_LIBRARIES})
    if(TARGET ccsp_headers)
      target_link_libraries(${target} PRIVATE ccsp_headers)
    endif()
    if(CCSP_E2E_BACKEND STREQUAL "tsan")
      target_compile_options(${target} PRIVATE -fsanitize=thread)
      target_link_options(${target} PRIVATE -fsanitize=thread)
    else()
      ccsp_instrument_target(${target})
    endif()
    add_test(NAME ${test}
             COMMAND ${Python3_EXECUTABLE} ${CCSP_E2E_HARNESS} case --name ${test}
                     --source ${source} --exe $<TARGET_FILE:${target}>
                     --work ${CCSP_E2E_DIR}/work/${test} --results ${CCSP_E2E_DIR}/results
                     --analyzer ${analyzer} --backend ${CCSP_E2E_BACKEND} --via ${arg_VIA}
                     --timeout ${arg_TIMEOUT})
    math(EXPR ctest_timeout "${arg_TIMEOUT} * 2 + 60")
    set(labels e2e ${arg_LABELS})
    set_tests_properties(${test} PROPERTIES LABELS "${labels}" SKIP_RETURN_CODE 77
                         TIMEOUT ${ctest_timeout} FIXTURES_REQUIRED ccsp_e2e)
  endforeach()
endfunction()

# Registers every .c/.cpp under DIR (default: the current source dir) as <PREFIX>.<path with
# '/' as '.' and no extension>; MULTI_OPT files are also built at -O0 and -O2.
function(ccsp_add_e2e_glob)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "PREFIX;DIR;TIMEOUT" "LABELS;MULTI_OPT;EXCLUDE")
  if(NOT arg_DIR)
    set(arg_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT ${CCSP_E2E_TIMEOUT})
  endif()
  file(GLOB_RECURSE sources RELATIVE ${arg_DIR} CONFIGURE_DEPENDS ${arg_DIR}/*.cpp ${arg_DIR}/*.c)
  list(SORT sources)
  foreach(rel ${sources})
    if(rel IN_LIST arg_EXCLUDE)
      continue()
    endif()
    string(REGEX REPLACE "\\.(cpp|c)$" "" stem ${rel})
    string(REPLACE "/" "." stem ${stem})
    set(levels 1)
    if(rel IN_LIST arg_MULTI_OPT)
      set(levels 1 0 2)
    endif()
    ccsp_add_e2e_case(${arg_PREFIX}.${stem} ${arg_DIR}/${rel} OPT ${levels}
                      LABELS ${arg_LABELS} TIMEOUT ${arg_TIMEOUT})
  endforeach()
endfunction()
