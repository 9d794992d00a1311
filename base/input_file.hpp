#pragma once
// Reading a whole input file a person wrote (scenario, study, CSV) with the checks every reader needs:
// it must exist, be a regular file (not a directory, a FIFO, which would block for ever, or a device such as
// /dev/zero, which would be read until memory runs out) and be at most max_input_file_bytes long.
#include <cstdint>
#include <filesystem>
#include <string>

namespace twinlab::base {

// 64 MiB: a year of hourly records written inline (8760 periods of ~100 bytes, under 1 MiB) or a CSV
// column of a million measured times (~10 MiB) fit many times over, while a file this size already
// parses into a tree of about a gigabyte (yaml-cpp spends ~20 bytes of memory per byte of dense YAML).
inline constexpr std::uintmax_t max_input_file_bytes = 64ull << 20;

// The file's bytes. Throws InputError naming the file, e.g. "data.csv: cannot open the CSV file; check
// the path" or "in.yaml: is 80.0 MiB, more than the 64 MiB an input file may have; ..."; `what` names the
// kind of file ("scenario file") and `hint` says what to give instead ("name a .yaml file").
std::string read_input_file(const std::filesystem::path& path, const std::string& what, const std::string& hint);

}  // namespace twinlab::base
