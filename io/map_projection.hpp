#pragma once
// A map projection named by an EPSG code, through PROJ (the only place proj.h is included): latitude and
// longitude on the CRS's own datum to projected easting/northing in metres and back, and the CRS's
// description for the outputs (WKT for CF's crs_wkt / GDAL's spatial_ref). Domain-free.
//
// Only projected CRSs with metre axes are accepted (every x/y in twinlab is in metres): a geographic CRS
// (EPSG:4326, degrees) or a projected one in feet (EPSG:2263) is refused, as is an unknown code.
// Axis order is always easting, northing / latitude, longitude whatever the EPSG axis order says.
#include <memory>
#include <string>

namespace twinlab::io {

class MapProjection {
 public:
  // crs: "EPSG:<code>" (case-insensitive prefix). Throws std::invalid_argument with a one-line reason
  // (unknown code, not projected, not in metres) that says what to do.
  explicit MapProjection(const std::string& crs);
  ~MapProjection();
  MapProjection(MapProjection&&) noexcept;
  MapProjection& operator=(MapProjection&&) noexcept;
  MapProjection(const MapProjection&) = delete;
  MapProjection& operator=(const MapProjection&) = delete;

  struct Projected {
    double x_m = 0.0, y_m = 0.0;  // easting, northing
  };
  struct Geographic {
    double latitude_deg = 0.0, longitude_deg = 0.0;
  };

  // Throws std::invalid_argument when PROJ cannot transform the point (e.g. far outside the projection).
  Projected from_lat_lon(double latitude_deg, double longitude_deg) const;
  Geographic to_lat_lon(double x_m, double y_m) const;

  const std::string& code() const;  // "EPSG:32633"
  int epsg() const;                 // 32633
  const std::string& name() const;  // "WGS 84 / UTM zone 33N"
  const std::string& wkt() const;   // WKT2 (2019)
  const std::string& wkt1() const;  // WKT1 (GDAL): what older readers take as spatial_ref
  // CF grid_mapping_name of the projection method ("transverse_mercator", "lambert_conformal_conic", ...),
  // the method's name in snake case when CF has no name for it.
  const std::string& grid_mapping_name() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace twinlab::io
