# ccsp_instrument_target(<target>): builds a target of this project with the ccsp
# instrumentation, as the ccsp-cc / ccsp-c++ wrappers do: the pass plugin, debug info, and for
# executables the whole runtime archive (interceptors included), exported so that it interposes
# libc/libstdc++ calls. Shared and static libraries are instrumented but carry no runtime.
include_guard(GLOBAL)

function(ccsp_instrument_target target)
  if(NOT TARGET ccsp_instrument)
    message(FATAL_ERROR "ccsp_instrument_target(${target}): the plugin target ccsp_instrument "
                        "is not defined yet (call this after add_subdirectory(instrument))")
  endif()
  target_compile_options(${target} PRIVATE
    -fpass-plugin=$<TARGET_FILE:ccsp_instrument> -g)
  # Recompile when the plugin changes; the plugin must exist before the target compiles.
  add_dependencies(${target} ccsp_instrument)
  get_target_property(sources ${target} SOURCES)
  list(FILTER sources EXCLUDE REGEX "^\\$<")
  if(sources)
    set_property(SOURCE ${sources} TARGET_DIRECTORY ${target} APPEND PROPERTY
                 OBJECT_DEPENDS ${CMAKE_LIBRARY_OUTPUT_DIRECTORY}/libccsp_instrument.so)  # no genex in OBJECT_DEPENDS (CMake 3.25)
  endif()
  if(TARGET ccsp_headers)
    target_link_libraries(${target} PRIVATE ccsp_headers)
  endif()

  get_target_property(type ${target} TYPE)
  if(NOT type STREQUAL "EXECUTABLE")
    return()
  endif()
  if(NOT TARGET ccsp_rt)
    # Keep the default build green until rtlib/ provides the runtime: such executables could
    # not link, so they are only built on request.
    get_property(warned GLOBAL PROPERTY CCSP_INSTRUMENT_NO_RT_WARNED)
    if(NOT warned)
      message(WARNING "ccsp_instrument_target: runtime target ccsp_rt is not defined; "
                      "instrumented executables are left out of the default build")
      set_property(GLOBAL PROPERTY CCSP_INSTRUMENT_NO_RT_WARNED TRUE)
    endif()
    set_target_properties(${target} PROPERTIES EXCLUDE_FROM_ALL TRUE)
    return()
  endif()
  if(TARGET ccsp_rt_link)
    # rtlib's own description of how an executable links the runtime (whole archive, export
    # list, pthread, dl), so the flags are spelled once.
    target_link_libraries(${target} PRIVATE ccsp_rt_link)
    return()
  endif()
  find_package(Threads REQUIRED)
  if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.24)
    target_link_libraries(${target} PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,ccsp_rt>")
  else()
    target_link_libraries(${target} PRIVATE -Wl,--whole-archive ccsp_rt -Wl,--no-whole-archive)
  endif()
  target_link_libraries(${target} PRIVATE Threads::Threads ${CMAKE_DL_LIBS})
  set(export_list ${CMAKE_SOURCE_DIR}/rtlib/ccsp_rt.dynamic-list)
  if(EXISTS ${export_list})
    target_link_options(${target} PRIVATE -Wl,--dynamic-list=${export_list})
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${export_list})
  else()
    set_target_properties(${target} PROPERTIES ENABLE_EXPORTS ON)  # -rdynamic
  endif()
endfunction()
