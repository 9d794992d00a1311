#include "base/input_file.hpp"

#include <fstream>
#include <iterator>

#include <sstream>

#include "base/error.hpp"

namespace twinlab::base {
namespace {

std::string too_large(std::uintmax_t bytes, const std::string& what) {
  std::ostringstream text;
  text.setf(std::ios::fixed);
  text.precision(1);
  text << "is " << static_cast<double>(bytes) / (1 << 20) << " MiB, more than the " << (max_input_file_bytes >> 20) << " MiB a " << what
       << " may have; give the data in smaller files";
  return text.str();
}

}  // namespace

std::string read_input_file(const std::filesystem::path& path, const std::string& what, const std::string& hint) {
  const std::string file = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status))
    throw InputError({file, 0, 0, ""}, "is a directory, not a " + what + "; " + hint);
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    throw InputError({file, 0, 0, ""}, "is not a regular file (a device, FIFO or socket); " + hint);
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_input_file_bytes) throw InputError({file, 0, 0, ""}, too_large(size, what));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({file, 0, 0, ""}, "cannot open the " + what + "; check the path");
  // Read at most one byte more than the limit: a file that grows while it is read is refused too.
  std::string text;
  text.resize(static_cast<std::size_t>(std::min<std::uintmax_t>(ec ? 0 : size, max_input_file_bytes)) + 1);
  std::size_t used = 0;
  while (in && used <= max_input_file_bytes) {
    if (used == text.size()) text.resize(std::min<std::size_t>(2 * text.size(), max_input_file_bytes + 1));
    in.read(text.data() + used, static_cast<std::streamsize>(text.size() - used));
    used += static_cast<std::size_t>(in.gcount());
    if (used == max_input_file_bytes + 1) break;
  }
  if (in.bad()) throw InputError({file, 0, 0, ""}, "cannot read the " + what + "; check the file");
  if (used > max_input_file_bytes) throw InputError({file, 0, 0, ""}, too_large(used, what));
  text.resize(used);
  return text;
}

}  // namespace twinlab::base
