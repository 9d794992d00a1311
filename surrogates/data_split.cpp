#include "surrogates/data_split.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include <fmt/format.h>

#include "base/error.hpp"

namespace twinlab::surrogates {

DataSplit split_rows(std::size_t rows, double validation_fraction, double test_fraction, std::uint64_t seed,
                     std::size_t minimum_each) {
  const auto share = [&](double fraction) {
    return std::max(minimum_each, static_cast<std::size_t>(std::llround(fraction * static_cast<double>(rows))));
  };
  const std::size_t n_validation = share(validation_fraction), n_test = share(test_fraction);
  if (rows < 3 * minimum_each || n_validation + n_test + minimum_each > rows) {
    throw base::InputError({"", 0, 0, "runs"},
                           fmt::format("{} successful runs are too few to split into training, validation and "
                                       "test sets (at least {} each); run a larger study",
                                       rows, minimum_each));
  }
  std::vector<std::size_t> order(rows);
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Fisher-Yates with an explicit engine draw (std::shuffle's use of the engine is implementation-defined).
  std::mt19937_64 engine(seed);
  for (std::size_t i = rows - 1; i > 0; --i) std::swap(order[i], order[engine() % (i + 1)]);
  DataSplit split;
  split.validation.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n_validation));
  split.test.assign(order.begin() + static_cast<std::ptrdiff_t>(n_validation),
                    order.begin() + static_cast<std::ptrdiff_t>(n_validation + n_test));
  split.train.assign(order.begin() + static_cast<std::ptrdiff_t>(n_validation + n_test), order.end());
  for (auto* part : {&split.train, &split.validation, &split.test}) std::sort(part->begin(), part->end());
  return split;
}

}  // namespace twinlab::surrogates
