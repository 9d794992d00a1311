// Map projections through PROJ: a known UTM transform against Krueger's series (an independent evaluation
// of the same projection), the round trip, and the CRSs that are refused.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "io/map_projection.hpp"

using twinlab::io::MapProjection;

namespace {

// UTM by Krueger's series in the third flattening n to n^4 (Karney 2011, eq. 35; the formulas of the
// Wikipedia article "Universal Transverse Mercator coordinate system"), WGS 84, northern hemisphere.
// Truncation error below 1 mm within 3 000 km of the central meridian.
MapProjection::Projected utm_krueger(double lat_deg, double lon_deg, int zone) {
  const double a = 6378137.0, f = 1.0 / 298.257223563, k0 = 0.9996, e0 = 500000.0;
  const double n = f / (2.0 - f), n2 = n * n, n3 = n2 * n, n4 = n3 * n;
  const double big_a = a / (1.0 + n) * (1.0 + n2 / 4.0 + n4 / 64.0);
  const double alpha[4] = {n / 2.0 - 2.0 * n2 / 3.0 + 5.0 * n3 / 16.0 + 41.0 * n4 / 180.0,
                           13.0 * n2 / 48.0 - 3.0 * n3 / 5.0 + 557.0 * n4 / 1440.0,
                           61.0 * n3 / 240.0 - 103.0 * n4 / 140.0, 49561.0 * n4 / 161280.0};
  const double deg = std::numbers::pi / 180.0;
  const double phi = lat_deg * deg, dlam = (lon_deg - (zone * 6.0 - 183.0)) * deg;
  const double c = 2.0 * std::sqrt(n) / (1.0 + n);
  const double t = std::sinh(std::atanh(std::sin(phi)) - c * std::atanh(c * std::sin(phi)));
  const double xi0 = std::atan(t / std::cos(dlam)), eta0 = std::atanh(std::sin(dlam) / std::sqrt(1.0 + t * t));
  double xi = xi0, eta = eta0;
  for (int j = 1; j <= 4; ++j) {
    xi += alpha[j - 1] * std::sin(2 * j * xi0) * std::cosh(2 * j * eta0);
    eta += alpha[j - 1] * std::cos(2 * j * xi0) * std::sinh(2 * j * eta0);
  }
  return {e0 + k0 * big_a * eta, k0 * big_a * xi};
}

}  // namespace

TEST_CASE("UTM 33N: PROJ agrees with Krueger's series and round-trips", "[io][map_projection]") {
  const MapProjection utm("EPSG:32633");
  CHECK(utm.epsg() == 32633);
  CHECK(utm.code() == "EPSG:32633");
  CHECK(utm.name() == "WGS 84 / UTM zone 33N");
  CHECK(utm.grid_mapping_name() == "transverse_mercator");
  CHECK(utm.wkt().find("UTM zone 33N") != std::string::npos);

  // On the equator at the central meridian (15 E) by definition: (500 000, 0) m; PROJ's own arithmetic
  // leaves round-off of nanometres.
  const auto origin = utm.from_lat_lon(0.0, 15.0);
  CHECK(origin.x_m == Approx(500000.0).margin(1e-6));
  CHECK(origin.y_m == Approx(0.0).margin(1e-6));

  // Points of the zone (Vienna, Graz, the zone's western edge at 12 E, Lapland): PROJ uses the same series
  // to higher order (n^6), so the two agree within the n^4 series' truncation, < 1 mm; 2 mm is the tolerance.
  for (const auto& [lat, lon] : std::vector<std::pair<double, double>>{
           {48.2082, 16.3738}, {47.0707, 15.4395}, {45.0, 12.0}, {68.5, 17.9}}) {
    CAPTURE(lat, lon);
    const auto p = utm.from_lat_lon(lat, lon);
    const auto k = utm_krueger(lat, lon, 33);
    CHECK(p.x_m == Approx(k.x_m).margin(2e-3));
    CHECK(p.y_m == Approx(k.y_m).margin(2e-3));
    // The inverse: 1e-9 degrees is 0.1 mm on the ground.
    const auto back = utm.to_lat_lon(p.x_m, p.y_m);
    CHECK(back.latitude_deg == Approx(lat).margin(1e-9));
    CHECK(back.longitude_deg == Approx(lon).margin(1e-9));
  }
}

TEST_CASE("Unknown, geographic and non-metric CRSs are refused", "[io][map_projection]") {
  auto reason = [](const std::string& crs) {
    try {
      MapProjection p(crs);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(reason("EPSG:999999").find("not a CRS PROJ knows") != std::string::npos);
  CHECK(reason("EPSG:4326").find("not projected") != std::string::npos);  // latitude/longitude in degrees
  CHECK(reason("EPSG:2263").find("metre axes") != std::string::npos);     // NY State Plane, US survey feet
  CHECK(reason("UTM33").find("must be an EPSG code") != std::string::npos);
  CHECK(reason("epsg:25833") == "accepted");  // ETRS89 / UTM 33N
}
