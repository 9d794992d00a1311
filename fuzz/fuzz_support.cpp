#include "fuzz/fuzz_support.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <system_error>

namespace twinlab::fuzz {
namespace {

struct Scratch {
  std::filesystem::path dir;
  Scratch() {
    dir = std::filesystem::temp_directory_path() / ("twinlab-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::filesystem::copy(std::filesystem::path(TWINLAB_SOURCE_DIR) / "scenarios" / "examples", dir / "examples",
                          std::filesystem::copy_options::recursive);
  }
  ~Scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

}  // namespace

const std::filesystem::path& scratch_dir() {
  static const Scratch scratch;
  return scratch.dir;
}

std::filesystem::path examples_dir() { return scratch_dir() / "examples"; }

void write_file(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) {
    std::fprintf(stderr, "fuzz: cannot write %s\n", path.c_str());
    std::abort();
  }
}

bool names_system_file(std::string_view text) {
  for (const std::string_view prefix : {"/dev", "/proc", "/sys"})
    if (text.find(prefix) != std::string_view::npos) return true;
  return false;
}

bool strict() {
  static const bool on = [] {
    const char* value = std::getenv("TWINLAB_FUZZ_STRICT");
    return value != nullptr && std::string_view(value) == "1";
  }();
  return on;
}

bool verbose() {
  static const bool on = [] {
    const char* value = std::getenv("TWINLAB_FUZZ_VERBOSE");
    return value != nullptr && std::string_view(value) == "1";
  }();
  return on;
}

void report(const std::exception& e) { std::fprintf(stderr, "fuzz: expected error: %s\n", e.what()); }

void strict_failure(const std::exception& e) {
  std::fprintf(stderr, "fuzz (strict): not an InputError: %s\n", e.what());
  std::abort();
}

}  // namespace twinlab::fuzz
