#pragma once
// SHA-256 (FIPS 180-4) of a file's bytes, as 64 lower-case hex digits: what `sha256sum FILE` prints.
// Recorded with data a stored scenario carries inline (line_stored_scenario), so that a reader can tell
// which file the values came from. Domain-free plumbing (study files are hashed the same way).
#include <filesystem>
#include <string>
#include <string_view>

namespace twinlab::base {

std::string sha256_hex(std::string_view bytes);
// Throws std::runtime_error when the file cannot be read.
std::string sha256_file_hex(const std::filesystem::path& path);

}  // namespace twinlab::base
