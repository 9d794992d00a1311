#pragma once
// Receptor networks: a named family of receptors expanded into plain named receptors (config.hpp Receptor),
// which both models then evaluate like any discrete receptor (the plume model exactly, the Eulerian model by
// its trilinear receptor interpolation). Each expanded receptor keeps its network and indices, so that a
// grid network can be reshaped back into 2-D from results.h5.
//
// Expansion order and names (0-based indices):
//  * Cartesian grid NAME: nodes x = origin_x_m + i dx_m (i < nx), y = origin_y_m + j dy_m (j < ny) at height
//    z_m; ordered j outer, i inner (row-major [j][i], so values reshape to (ny, nx)); named "NAME[i,j]";
//    index_i = i, index_j = j.
//  * Polar NAME: rings of radius r_j (radii_m, j outer) and directions k (inner) at the bearings
//    first_direction_deg + k 360/directions, clockwise from north (0 = north, 90 = east, as AERMOD's polar
//    grids): x = cx + r sin(bearing), y = cy + r cos(bearing), at height z_m. Values reshape to
//    (radii, directions). Named "NAME<r>m[<bearing>]" with r as %g and the bearing in [0, 360) as three
//    digits ("ring500m[090]"), or with one decimal when it is not whole ("ring500m[022.5]").
//    index_i = k (direction), index_j = j (ring).
//  * Points NAME: each point k at its own (x, y) and flagpole height z above ground; named "NAME[k]";
//    index_i = k, index_j = 0.
#include <string>
#include <vector>

#include "twins/dispersion/config.hpp"

namespace twinlab::twins::dispersion {

// Number of receptors a network expands into.
std::size_t receptor_count(const ReceptorNetwork& network);

// The shape a network's values reshape to, slowest first: Cartesian {ny, nx}, Polar {radii, directions},
// Points {points}.
std::vector<std::size_t> receptor_network_shape(const ReceptorNetwork& network);

// Bearing of direction k of a polar network, degrees clockwise from north, in [0, 360).
double polar_bearing_deg(const ReceptorNetwork& network, int k);

// The receptors of network `network_index` (its position in Config::receptor_networks), in the order above.
// Throws base::InputError (key "receptor_networks[<index>].<field>") on counts < 1, spacings or radii <= 0,
// non-increasing radii, negative or non-finite heights.
std::vector<Receptor> expand_receptor_network(const ReceptorNetwork& network, int network_index);

// Appends every network's receptors to config.receptors (after the discrete ones).
void expand_receptor_networks(Config& config);

}  // namespace twinlab::twins::dispersion
