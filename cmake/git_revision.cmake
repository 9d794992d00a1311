# Run at every build (cmake -P): writes OUT (a C++ fragment defining kGitRevision) with the checkout's
# `git describe` text ("90c55f6", "90c55f6-dirty", or "unknown" outside a git checkout), rewriting the file
# only when the text changed so that nothing recompiles needlessly.
execute_process(COMMAND git -C "${SOURCE_DIR}" describe --always --dirty --abbrev=12
                OUTPUT_VARIABLE revision OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR revision STREQUAL "")
  set(revision "unknown")
endif()
set(text "inline constexpr const char* kGitRevision = \"${revision}\";\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
