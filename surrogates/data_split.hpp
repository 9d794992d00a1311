#pragma once
// Seeded split of the runs of a study into training, validation (early stopping) and test (the reported
// metrics) rows: a shuffle by std::mt19937_64, so the same seed and row count give the same split anywhere.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace twinlab::surrogates {

struct DataSplit {
  std::vector<std::size_t> train, validation, test;  // row indices, each sorted ascending
};

// validation_fraction and test_fraction of the rows (rounded, each at least `minimum_each` rows) go to
// validation and test, the rest to training. Throws base::InputError (key "runs") when fewer than
// 3 * minimum_each rows exist or the fractions leave no training rows.
DataSplit split_rows(std::size_t rows, double validation_fraction, double test_fraction, std::uint64_t seed,
                     std::size_t minimum_each = 4);

}  // namespace twinlab::surrogates
