# Initial cache of ./build-asan (cmake -C cmake/asan_build.cmake), the one build that scripts/sanitize.sh
# (the whole CTest suite) and scripts/fuzz.sh (the libFuzzer targets) share, so that CI compiles twinlab once
# more instead of twice: clang, AddressSanitizer + UndefinedBehaviorSanitizer on every target, libFuzzer's
# coverage instrumentation (TWINLAB_FUZZ), -O1 with debug information (fast enough, readable stacks).
set(CMAKE_C_COMPILER clang CACHE STRING "")
set(CMAKE_CXX_COMPILER clang++ CACHE STRING "")
set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "")
set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O1 -g -DNDEBUG" CACHE STRING "")
set(TWINLAB_SANITIZE "address,undefined" CACHE STRING "")
set(TWINLAB_FUZZ ON CACHE BOOL "")
set(TWINLAB_BUILD_BENCH OFF CACHE BOOL "")
