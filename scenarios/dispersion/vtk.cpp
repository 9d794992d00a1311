#include "scenarios/dispersion/vtk.hpp"

#include <cmath>
#include <initializer_list>
#include <string>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "viz/pvd_series.hpp"
#include "viz/vtk_image.hpp"
#include "viz/vtk_points.hpp"
#include "viz/vtk_rectilinear.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;

namespace {

constexpr const char* concentration_units = "kg m-3";  // as in results.h5

// Field data of every file: the units of its arrays and positions and, for a frame of a series, its simulated
// time in s (TimeValue: ParaView's name for a dataset's time; the .pvd gives the same value).
viz::FieldData units_of(std::initializer_list<const char*> concentration_arrays, const double* time_s = nullptr) {
  viz::FieldData f;
  for (const char* name : concentration_arrays) f.text.push_back({std::string(name) + "_units", concentration_units});
  f.text.push_back({"coordinate_units", "m"});
  if (time_s != nullptr) f.numbers.push_back({"TimeValue", *time_s});
  return f;
}

double spacing_of(const std::vector<double>& coords) { return coords.size() > 1 ? coords[1] - coords[0] : 1.0; }

// One file per output time: .vti (ImageData) on uniform layers, .vtr (RectilinearGrid, the layer faces as
// z coordinates) on stretched ones. Fields come from the run's spool one at a time when it streamed them.
void write_eulerian(const dsp::EulerianResult& e, const FieldSpool* spool, const std::filesystem::path& dir) {
  const std::size_t nx = e.x_m.size(), ny = e.y_m.size(), nz = e.z_m.size(), cells = nx * ny * nz;
  const double dx = spacing_of(e.x_m), dy = spacing_of(e.y_m);
  bool uniform = true;
  for (std::size_t k = 1; k + 1 < e.z_faces_m.size(); ++k) {
    const double first = e.z_faces_m[1] - e.z_faces_m[0], here = e.z_faces_m[k + 1] - e.z_faces_m[k];
    if (std::abs(here - first) > 1e-9 * e.z_faces_m.back()) uniform = false;
  }
  std::vector<viz::PvdEntry> series;
  std::vector<double> values;
  for (std::size_t t = 0; t < e.times_s.size(); ++t) {
    if (spool != nullptr) {
      spool->read(t, values);
    } else {
      const auto first = e.concentration.begin() + static_cast<std::ptrdiff_t>(t * cells);
      values.assign(first, first + static_cast<std::ptrdiff_t>(cells));
    }
    viz::ImageArray array{"concentration", viz::Association::cell, 1, std::move(values)};
    std::string file;
    if (uniform) {
      const double dz = spacing_of(e.z_m);
      viz::ImageData image = viz::image_for_cells({e.x_m[0] - dx / 2, e.y_m[0] - dy / 2, e.z_m[0] - dz / 2},
                                                  {dx, dy, dz}, {nx, ny, nz});
      image.arrays.push_back(std::move(array));
      image.field_data = units_of({"concentration"}, &e.times_s[t]);
      file = fmt::format("eulerian_{:04d}.vti", t);
      viz::write_vti(image, dir / file);
    } else {
      viz::RectilinearGrid grid;
      for (std::size_t i = 0; i <= nx; ++i) grid.x.push_back(e.x_m[0] - dx / 2 + static_cast<double>(i) * dx);
      for (std::size_t j = 0; j <= ny; ++j) grid.y.push_back(e.y_m[0] - dy / 2 + static_cast<double>(j) * dy);
      grid.z = e.z_faces_m;
      grid.arrays.push_back(std::move(array));
      grid.field_data = units_of({"concentration"}, &e.times_s[t]);
      file = fmt::format("eulerian_{:04d}.vtr", t);
      viz::write_vtr(grid, dir / file);
    }
    values = {};
    series.push_back({e.times_s[t], file, 0});
  }
  viz::write_pvd(series, dir / "eulerian.pvd");
}

void write_plume(const dsp::PlumeResult& p, const std::filesystem::path& dir) {
  const std::size_t nx = p.x_m.size(), ny = p.y_m.size(), nodes = nx * ny;
  if (!p.full_grids) {  // a long run keeps only grid statistics (plume_model.hpp): one image of them
    viz::ImageData image;
    image.origin = {p.x_m[0], p.y_m[0], p.grid_height_m};
    image.spacing = {spacing_of(p.x_m), spacing_of(p.y_m), 1.0};
    image.dimensions = {nx, ny, 1};
    image.arrays.push_back({"concentration_max", viz::Association::point, 1, p.grid_statistics.max_kg_m3});
    image.arrays.push_back({"concentration_mean", viz::Association::point, 1, p.grid_statistics.mean_kg_m3});
    image.field_data = units_of({"concentration_max", "concentration_mean"});
    viz::write_vti(image, dir / "plume_statistics.vti");
    return;
  }
  std::vector<viz::PvdEntry> series;
  for (std::size_t t = 0; t < p.times_s.size(); ++t) {
    viz::ImageData image;
    image.origin = {p.x_m[0], p.y_m[0], p.grid_height_m};
    image.spacing = {spacing_of(p.x_m), spacing_of(p.y_m), 1.0};
    image.dimensions = {nx, ny, 1};
    const auto first = p.concentration.begin() + static_cast<std::ptrdiff_t>(t * nodes);
    image.arrays.push_back({"concentration", viz::Association::point, 1,
                            std::vector<double>(first, first + static_cast<std::ptrdiff_t>(nodes))});
    image.field_data = units_of({"concentration"}, &p.times_s[t]);
    const std::string file = fmt::format("plume_{:04d}.vti", t);
    viz::write_vti(image, dir / file);
    series.push_back({p.times_s[t], file, 0});
  }
  viz::write_pvd(series, dir / "plume.pvd");
}

void write_sites(const dsp::Config& config, const std::filesystem::path& path) {
  viz::PointSet sites;
  viz::LabelArray kind{"kind", {}};
  viz::NumericArray height{"height_m", 1, {}};
  for (const auto& s : config.sources) {
    sites.positions.push_back({s.x_m, s.y_m, s.height_m});
    sites.names.push_back(s.name);
    kind.values.push_back("source");
    height.values.push_back(s.height_m);
  }
  for (const auto& r : config.receptors) {
    sites.positions.push_back({r.x_m, r.y_m, r.z_m});
    sites.names.push_back(r.name);
    kind.values.push_back("receptor");
    height.values.push_back(r.z_m);
  }
  sites.labels.push_back(std::move(kind));
  sites.point_arrays.push_back(std::move(height));
  sites.field_data = units_of({});
  sites.field_data.text.push_back({"height_m_units", "m"});
  viz::write_vtp(sites, path);
}

}  // namespace

void write_dispersion_vtk(const dsp::Config& config, const DispersionOutcome& outcome,
                          const std::filesystem::path& vtk_dir) {
  std::filesystem::create_directories(vtk_dir);
  if (outcome.eulerian) write_eulerian(*outcome.eulerian, outcome.eulerian_fields.get(), vtk_dir);
  if (outcome.plume) write_plume(*outcome.plume, vtk_dir);
  write_sites(config, vtk_dir / "sites.vtp");
}

}  // namespace twinlab::scenarios
