#pragma once
// The density measure of model.json: nearest-neighbour distances of the training points in the unit box of
// the training domain (each input rescaled to [0, 1] by its training min and max, in log10 for log inputs).
#include <cstddef>
#include <span>
#include <vector>

#include "surrogates/model_card.hpp"

namespace twinlab::surrogates {

// points: rows x inputs, row-major, already in the unit box. O(rows^2 inputs): fine for studies of up to some
// ten thousand runs.
DataDensity nearest_neighbour_density(std::span<const double> unit_points, std::size_t rows, std::size_t inputs);

}  // namespace twinlab::surrogates
