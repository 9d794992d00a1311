# TWINLAB_SANITIZE: a comma-separated list of sanitizers (-fsanitize=LIST), e.g. "address,undefined", applied
# to every target defined after this file is included: each layer library, the twinlab CLI, the tests and the
# benchmarks (scripts/sanitize.sh builds and runs the whole suite so, into build-asan/).
# An UndefinedBehaviorSanitizer finding stops the program (-fno-sanitize-recover): a test then fails instead of
# printing a report into a log nobody reads.
set(TWINLAB_SANITIZE "" CACHE STRING "Sanitizers for every twinlab target and test (-fsanitize=LIST), e.g. address,undefined")
if(TWINLAB_SANITIZE)
  string(REPLACE "," ";" twinlab_sanitizers "${TWINLAB_SANITIZE}")
  message(STATUS "twinlab: sanitizers ${TWINLAB_SANITIZE}")
  # Frame pointers: readable stacks in reports at -O1 and above.
  add_compile_options(-fsanitize=${TWINLAB_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${TWINLAB_SANITIZE})
  if("undefined" IN_LIST twinlab_sanitizers)
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
endif()

# TWINLAB_FUZZ: build the libFuzzer targets of fuzz/ (clang only; scripts/fuzz.sh configures build-fuzz/ so,
# with TWINLAB_SANITIZE=address,undefined). Every library gets libFuzzer's coverage instrumentation.
option(TWINLAB_FUZZ "Build the libFuzzer targets of fuzz/ (clang; scripts/fuzz.sh)" OFF)
if(TWINLAB_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TWINLAB_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
