#include "io/map_projection.hpp"

#include <cctype>
#include <cmath>
#include <stdexcept>

#include <proj.h>

namespace twinlab::io {

struct MapProjection::State {
  PJ_CONTEXT* ctx = nullptr;
  PJ* crs = nullptr;
  PJ* to_map = nullptr;  // geographic (lon, lat) of the CRS's datum -> (easting, northing)
  std::string code, name, wkt, wkt1, grid_mapping;
  int epsg = 0;

  ~State() {
    if (to_map) proj_destroy(to_map);
    if (crs) proj_destroy(crs);
    if (ctx) proj_context_destroy(ctx);
  }
};

namespace {

[[noreturn]] void refuse(const std::string& message) { throw std::invalid_argument(message); }

std::string snake_case(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!out.empty() && out.back() != '_') out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

// CF names of the common methods (CF conventions, appendix F); others keep PROJ's name in snake case.
std::string cf_grid_mapping_name(const std::string& method) {
  const std::string m = snake_case(method);
  if (m == "transverse_mercator") return "transverse_mercator";
  if (m.rfind("lambert_conic_conformal", 0) == 0) return "lambert_conformal_conic";
  if (m == "lambert_azimuthal_equal_area" || m == "lambert_azimuthal_equal_area_spherical")
    return "lambert_azimuthal_equal_area";
  if (m.rfind("mercator", 0) == 0) return "mercator";
  if (m.rfind("oblique_stereographic", 0) == 0) return "oblique_stereographic";
  if (m.rfind("polar_stereographic", 0) == 0) return "polar_stereographic";
  if (m.rfind("albers_equal_area", 0) == 0) return "albers_conical_equal_area";
  return m;
}

}  // namespace

MapProjection::MapProjection(const std::string& crs_text) : state_(std::make_unique<State>()) {
  State& s = *state_;
  std::string upper;
  for (char c : crs_text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string prefix = "EPSG:";
  if (upper.rfind(prefix, 0) != 0 || upper.size() == prefix.size() ||
      upper.find_first_not_of("0123456789", prefix.size()) != std::string::npos)
    refuse("must be an EPSG code such as EPSG:32633 (got '" + crs_text + "')");
  s.code = upper;
  s.epsg = std::stoi(upper.substr(prefix.size()));
  s.ctx = proj_context_create();
  proj_log_level(s.ctx, PJ_LOG_NONE);
  s.crs = proj_create(s.ctx, s.code.c_str());
  if (!s.crs) refuse("is not a CRS PROJ knows (got " + s.code + "); check the EPSG code (e.g. EPSG:32633 for UTM 33N)");
  if (proj_get_type(s.crs) != PJ_TYPE_PROJECTED_CRS)
    refuse("must be a projected CRS with metre axes (got " + s.code + ", '" + proj_get_name(s.crs) +
           "', not projected); use the UTM zone or national grid of the site");
  PJ* cs = proj_crs_get_coordinate_system(s.ctx, s.crs);
  const int axes = cs ? proj_cs_get_axis_count(s.ctx, cs) : 0;
  for (int i = 0; i < axes; ++i) {
    double factor = 0.0;
    const char* unit = nullptr;
    proj_cs_get_axis_info(s.ctx, cs, i, nullptr, nullptr, nullptr, &factor, &unit, nullptr, nullptr);
    if (factor != 1.0) {
      const std::string u = unit ? unit : "?";
      proj_destroy(cs);
      refuse("must have metre axes (got " + s.code + ", '" + proj_get_name(s.crs) + "', in " + u +
             "); twinlab's x_m, y_m are metres: use a metric CRS of the area");
    }
  }
  if (cs) proj_destroy(cs);
  s.name = proj_get_name(s.crs);
  const char* const wkt_options[] = {"MULTILINE=NO", nullptr};
  if (const char* w = proj_as_wkt(s.ctx, s.crs, PJ_WKT2_2019, wkt_options)) s.wkt = w;
  if (const char* w = proj_as_wkt(s.ctx, s.crs, PJ_WKT1_GDAL, wkt_options)) s.wkt1 = w;
  if (PJ* op = proj_crs_get_coordoperation(s.ctx, s.crs)) {
    const char* method = nullptr;
    if (proj_coordoperation_get_method_info(s.ctx, op, &method, nullptr, nullptr) && method)
      s.grid_mapping = cf_grid_mapping_name(method);
    proj_destroy(op);
  }
  // From the CRS's own geographic CRS (its datum: no datum shift), normalised to lon/lat -> east/north.
  PJ* geographic = proj_crs_get_geodetic_crs(s.ctx, s.crs);
  PJ* raw = geographic ? proj_create_crs_to_crs_from_pj(s.ctx, geographic, s.crs, nullptr, nullptr) : nullptr;
  if (geographic) proj_destroy(geographic);
  if (raw) {
    s.to_map = proj_normalize_for_visualization(s.ctx, raw);
    proj_destroy(raw);
  }
  if (!s.to_map) refuse("has no transformation from latitude/longitude in PROJ (got " + s.code + ")");
}

MapProjection::~MapProjection() = default;
MapProjection::MapProjection(MapProjection&&) noexcept = default;
MapProjection& MapProjection::operator=(MapProjection&&) noexcept = default;

MapProjection::Projected MapProjection::from_lat_lon(double latitude_deg, double longitude_deg) const {
  const PJ_COORD out = proj_trans(state_->to_map, PJ_FWD, proj_coord(longitude_deg, latitude_deg, 0.0, 0.0));
  if (!std::isfinite(out.xy.x) || !std::isfinite(out.xy.y) || out.xy.x == HUGE_VAL)
    throw std::invalid_argument("cannot be projected into " + state_->code);
  return {out.xy.x, out.xy.y};
}

MapProjection::Geographic MapProjection::to_lat_lon(double x_m, double y_m) const {
  const PJ_COORD out = proj_trans(state_->to_map, PJ_INV, proj_coord(x_m, y_m, 0.0, 0.0));
  if (!std::isfinite(out.lp.lam) || !std::isfinite(out.lp.phi) || out.lp.lam == HUGE_VAL)
    throw std::invalid_argument("cannot be turned into latitude/longitude from " + state_->code);
  return {out.lp.phi, out.lp.lam};  // normalised for visualisation: x = longitude, y = latitude, in degrees
}

const std::string& MapProjection::code() const { return state_->code; }
int MapProjection::epsg() const { return state_->epsg; }
const std::string& MapProjection::name() const { return state_->name; }
const std::string& MapProjection::wkt() const { return state_->wkt; }
const std::string& MapProjection::wkt1() const { return state_->wkt1; }
const std::string& MapProjection::grid_mapping_name() const { return state_->grid_mapping; }

}  // namespace twinlab::io
