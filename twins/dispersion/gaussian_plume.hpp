#pragma once
// Steady Gaussian plume of one point source in one meteorology period (flat ground, no deposition):
//
//   C(x, y, z) = Q / (2 pi u sy sz) exp(-y^2 / (2 sy^2)) exp(-k x / u) V(z)
//
// x downwind, y crosswind (m), z above ground, sy = sigma_y(x), sz = sigma_z(x) (Briggs curves, used at every
// x > 0 including below their nominal 100 m), u the wind at the effective height H (stack + rise), k a
// first-order decay rate (travel time x/u). Receptors with x <= 0 (upwind or beside the source) get 0.
//
// Vertical term V:
//  * no lid (mixing height L = 0): V = exp(-(z-H)^2 / 2sz^2) + exp(-(z+H)^2 / 2sz^2)  (ground reflection);
//  * lid L > 0 and sz <= 1.6 L: V = sum over n of exp(-(z-H-2nL)^2 / 2sz^2) + exp(-(z+H-2nL)^2 / 2sz^2),
//    all reflections between ground and lid. The series is truncated at kLidImagesPerSide images on each side
//    of the nearest one; because successive terms shrink at least like q^(k(k-1)/2), q = exp(-4 L^2/sz^2)
//    <= exp(-1.5625) when sz <= 1.6 L, the neglected part is below 1.4e-10 of V;
//  * lid L > 0 and sz > 1.6 L: the well-mixed limit V = sqrt(2 pi) sz / L, i.e.
//    C = Q / (sqrt(2 pi) u sy L) exp(-y^2 / 2 sy^2) exp(-k x / u) (the image series differs from it by less
//    than 2 exp(-pi^2 1.6^2 / 2) = 7e-6 relative there).
//  * Rule for the lid: the lid is impermeable in both directions. A source whose effective height is above
//    the lid (H > L) contributes nothing to any receptor, and a receptor above the lid (z > L) receives
//    nothing from a source below it.
#include <cstddef>
#include <span>
#include <vector>

#include "twins/dispersion/briggs_sigma.hpp"

namespace twinlab::twins::dispersion {

inline constexpr double kWellMixedSigmaRatio = 1.6;  // use the well-mixed form once sigma_z > 1.6 L
inline constexpr int kLidImagesPerSide = 5;          // image terms kept each side of the nearest image
inline constexpr double kMinimumDownwindDistance_m = 1.0e-6;  // closer receptors are evaluated at 1 um

struct PlumeSource {  // one source in one period: everything the kernel needs
  double x_m = 0.0, y_m = 0.0;           // source position on the ground (x east, y north)
  double emission_rate_kg_s = 0.0;
  double effective_height_m = 0.0;       // H = stack height + plume rise
  double wind_speed_m_s = 1.0;           // at the effective height, > 0
  double wind_direction_deg = 270.0;     // meteorological: blowing FROM, clockwise from north
  SigmaCoefficients sigma;               // sigma_y(x), sigma_z(x)
  double mixing_height_m = 0.0;          // 0 = no lid
  double decay_rate_1_s = 0.0;           // first-order loss along the travel time x / u
};

struct ReceptorSpan {  // structure of arrays, count entries each; z >= 0
  const double* x_m = nullptr;
  const double* y_m = nullptr;
  const double* z_m = nullptr;
  std::size_t count = 0;
};

// Throws base::InputError when a field is out of range (non-finite values, Q < 0, H < 0, u <= 0, L < 0,
// k < 0, sigma coefficients a <= 0 or b < 0).
void validate_plume_source(const PlumeSource& source);

// Throws base::InputError unless every receptor coordinate is finite and every z_m >= 0 (null arrays are
// accepted only when count is 0).
void validate_receptors(const ReceptorSpan& receptors);

// Downwind (x) and crosswind (y, to the left of the wind) offsets of a ground point from the source, m.
struct DownwindOffset {
  double downwind_m = 0.0;
  double crosswind_m = 0.0;
};
DownwindOffset downwind_offset(const PlumeSource& source, double x_m, double y_m);

// Plain scalar evaluation in the plume frame (reference implementation; the image series is summed term by
// term until a term adds less than 1e-17 of the sum). kg/m^3. Validates the source.
double plume_concentration_downwind(const PlumeSource& source, double downwind_m, double crosswind_m,
                                    double z_m);

// Plain scalar evaluation at a point in ground coordinates, kg/m^3. Validates the source.
double plume_concentration(const PlumeSource& source, double x_m, double y_m, double z_m);

// A source of one period prepared for the fast kernel: validated, its constants hoisted (rotation, 1/a of the
// sigma curves, Q / (2 pi u), ...). Prepared once per period and applied to any number of receptor blocks.
struct PreparedPlumeSource {
  double xs, ys, ex, ey;          // position, unit vector the wind blows towards
  double h, lid;                  // effective height, mixing height (0 = none)
  double norm;                    // Q / (2 pi u)
  double norm_mixed;              // Q / (sqrt(2 pi) u L)
  double inv_ay, by, inv_az, bz;  // 1/a and b of the sigma curves
  double decay_over_u;            // k / u, 1/m
  SigmaPower py, pz;
  bool lid_active;                // L > 0 (and H <= L, otherwise the source is left out)
};

// Validates every source (base::InputError otherwise) and prepares those that can reach a receptor (Q > 0,
// below the lid when there is one).
std::vector<PreparedPlumeSource> prepare_plume_sources(std::span<const PlumeSource> sources);

// Bounding boxes of consecutive groups of kTileReceptors receptors of a span (tile k: receptors [64 k, 64 k + 64)).
// With them the kernel skips a (source, tile) pair when every receptor of the tile is upwind of the source or
// more than kSectorSigmas sigma_y (taken at the tile's farthest downwind distance, sigma_y growing with x)
// off the plume axis: there every term of the kernel has an exponent below -650 and is exactly 0 already
// (exp_nonpositive in gaussian_plume_kernel.cpp), so skipping changes no value. Receptors ordered so that
// neighbours share tiles (a grid in 8 x 8 patches, a Z-order curve) make the test effective.
inline constexpr std::size_t kTileReceptors = 64;
inline constexpr double kSectorSigmas = 37.0;  // 0.5 * 37^2 = 684.5 > 650 with room for rounding
// A narrower sector for long runs (plume_series_statistics): a tile more than 11.8 sigma_y off the axis is
// skipped although its values are not exactly 0. Each skipped contribution is below exp(-0.5 * 11.8^2) =
// 6.0e-31 times the same source's value on the plume axis at the same downwind distance and height (the
// lateral factor exp(-y^2 / 2 sy^2) is the only difference, sy(x) <= sy at the tile's farthest x), i.e. below
// 1e-30 of the source's axis value: far below round-off of any value a design value or rank can take.
inline constexpr double kNegligibleSectorSigmas = 11.8;
struct ReceptorTiles {
  std::vector<double> x_min, x_max, y_min, y_max;
};
ReceptorTiles receptor_tiles(const ReceptorSpan& receptors);

// Adds the concentration of the prepared sources to concentration_kg_m3[i] for each receptor i, on the calling
// thread (no OpenMP, no validation: receptors as accepted by validate_receptors). tiles: receptor_tiles of the
// same span, or null (every pair evaluated); sector_sigmas: the off-axis distance (in sigma_y) beyond which a
// tile is skipped (kSectorSigmas: no value changes; kNegligibleSectorSigmas: changes below 1e-30 of the axis).
void accumulate_prepared_plume(std::span<const PreparedPlumeSource> sources, const ReceptorSpan& receptors,
                               double* concentration_kg_m3, const ReceptorTiles* tiles = nullptr,
                               double sector_sigmas = kSectorSigmas);

// The fast kernel: adds the concentration of every source to concentration_kg_m3[i] for each receptor i
// (the array must hold receptors.count values, initialised by the caller). Vectorised; OpenMP over blocks of
// receptors with `threads` threads (0 = the OpenMP default). Validates every source and that receptor
// heights are >= 0; throws base::InputError otherwise.
void accumulate_plume_concentration(std::span<const PlumeSource> sources, const ReceptorSpan& receptors,
                                    double* concentration_kg_m3, int threads = 0);

}  // namespace twinlab::twins::dispersion
