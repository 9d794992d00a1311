# twinlab_layer(NAME folder DEPS ...): one static library per top-level folder, built from every .cpp
# below it (globbed, so a new unit needs no CMake edit). Includes are written from the repository root:
# #include "sim/grid.hpp".
function(twinlab_layer name)
  cmake_parse_arguments(ARG "" "" "DEPS;PRIVATE_DEPS;EXCLUDE" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  foreach(pattern IN LISTS ARG_EXCLUDE)
    list(FILTER sources EXCLUDE REGEX "${pattern}")
  endforeach()
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  target_compile_definitions(${name} PUBLIC TWINLAB_VERSION="${PROJECT_VERSION}")
endfunction()
