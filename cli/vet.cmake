# ccsp-vet: static concurrency checks on Clang libTooling. The checks are a library of their
# own (vet/checks, ccsp_vet_checks); this front end adds options and output. Skipped, with a
# message, when Clang's CMake package (libclang-19-dev) is missing.
find_package(Clang CONFIG QUIET HINTS "${LLVM_DIR}/../clang" "${LLVM_LIBRARY_DIR}/cmake/clang")
if(NOT Clang_FOUND)
  message(STATUS "ccsp-vet: Clang CMake package not found (libclang-19-dev): not built")
  return()
endif()

add_subdirectory(${CMAKE_CURRENT_LIST_DIR}/vet/checks ${CMAKE_CURRENT_BINARY_DIR}/vet/checks)

# The builtin headers (stddef.h, ...) of the Clang we link: tooling looks for them next to the
# tool's own binary otherwise.
set(ccsp_vet_resource_dir "${LLVM_LIBRARY_DIR}/clang/${LLVM_VERSION_MAJOR}")

add_executable(ccsp-vet vet/main.cc vet/fixes.cc vet/output.cc)
target_link_libraries(ccsp-vet PRIVATE ccsp_vet_checks ccsp_sarif)
target_compile_definitions(ccsp-vet PRIVATE
  CCSP_VERSION="${PROJECT_VERSION}"
  CCSP_VET_RESOURCE_DIR="${ccsp_vet_resource_dir}"
  CCSP_SOURCE_INCLUDE_DIR="${CMAKE_SOURCE_DIR}/rtlib/include")
# ccsp-c++ --vet runs it from the same bin/ folder.
foreach(wrapper ccsp-cc ccsp-c++)
  if(TARGET ${wrapper})
    add_dependencies(${wrapper} ccsp-vet)
  endif()
endforeach()
