# Initial cache of ./build-asan-gcc (cmake -C cmake/asan_gcc_build.cmake), the build in which scripts/sanitize.sh
# runs the WHOLE CTest suite under AddressSanitizer + UndefinedBehaviorSanitizer: GCC, because LibTorch 1.13's
# headers do not compile with clang 14 in C++20 (libstdc++ 12's constexpr std::vector needs the complete
# c10::IValue), so only GCC's sanitizer build holds surrogates/ and everything that links it (scenarios/, the
# CLI, the e2e tests). The fuzz targets are built here too, with their replaying main (libFuzzer is clang's:
# cmake/asan_build.cmake). -O1 with line tables only (-g1): readable stacks, a shorter compile than -g.
set(CMAKE_C_COMPILER gcc CACHE STRING "")
set(CMAKE_CXX_COMPILER g++ CACHE STRING "")
set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "")
set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O1 -g1 -DNDEBUG" CACHE STRING "")
set(CMAKE_C_FLAGS_RELWITHDEBINFO "-O1 -g1 -DNDEBUG" CACHE STRING "")
set(TWINLAB_SANITIZE "address,undefined" CACHE STRING "")
set(TWINLAB_FUZZ OFF CACHE BOOL "")
set(TWINLAB_BUILD_BENCH OFF CACHE BOOL "")
