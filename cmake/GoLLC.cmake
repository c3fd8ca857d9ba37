#===- GoLLC.cmake - project helpers ----------------------------------------===#
#
# Small helpers shared by the leaf CMakeLists.txt files.
#
#===-------------------------------------------------------------------------===#

# gollc_add_tool(name SOURCES... LINK libs...)
# An executable in build/bin linked against the shared libLLVM. It installs
# itself into <prefix>/bin and the export set GoLLCTargets (as
# GoLLC::<name>, cmake/CMakeLists.txt), keeping in its installed RUNPATH the
# directories of the libraries it links: Debian's libMLIR.so lives in
# /usr/lib/llvm-19/lib, outside the loader's default path.
function(gollc_add_tool name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINK" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LINK} LLVM)
  set_target_properties(${name} PROPERTIES
    RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin
    INSTALL_RPATH_USE_LINK_PATH ON)
  install(TARGETS ${name} EXPORT GoLLCTargets
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endfunction()

# gollc_add_unittest(name SOURCES... LINK libs...)
# A GoogleTest binary in build/unittests, run by lit's GoogleTest format.
function(gollc_add_unittest name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINK" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LINK} GTest::gtest
                        GTest::gtest_main LLVM)
  set_target_properties(${name} PROPERTIES
    RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/unittests)
  add_dependencies(GoLLCUnitTests ${name})
endfunction()
