#include "viz/vtk_points.hpp"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>
#include <vtkStringArray.h>
#include <vtkXMLPolyDataWriter.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

#include "viz/vtk_field_data.hpp"
#include "viz/vtk_xml_file.hpp"

namespace twinlab::viz {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what) { throw std::invalid_argument("VTK points: " + what); }

void check_numeric(const NumericArray& a, std::size_t tuples, const std::string& kind) {
  const std::string where = kind + " array '" + a.name + "'";
  if (a.components < 1) fail(where + ": components must be >= 1");
  const std::size_t expected = tuples * static_cast<std::size_t>(a.components);
  if (a.values.size() != expected) {
    fail(where + " holds " + std::to_string(a.values.size()) + " values but needs " + std::to_string(expected) + " (" +
         std::to_string(tuples) + " " + kind + "s x " + std::to_string(a.components) + " components)");
  }
}

vtkSmartPointer<vtkDoubleArray> to_vtk(const std::string& name, int components, std::size_t tuples) {
  auto data = vtkSmartPointer<vtkDoubleArray>::New();
  data->SetName(name.c_str());
  data->SetNumberOfComponents(components);
  data->SetNumberOfTuples(static_cast<vtkIdType>(tuples));
  return data;
}

}  // namespace

void validate(const PointSet& points) {
  const std::size_t n = points.positions.size();
  for (std::size_t i = 0; i < n; ++i) {
    for (const double c : points.positions[i]) {
      if (!std::isfinite(c)) fail("point " + std::to_string(i) + " has a non-finite coordinate");
    }
  }
  std::set<std::string> point_names;  // all point-data arrays share one namespace
  auto claim = [&point_names](const std::string& name, const std::string& kind) {
    if (name.empty()) fail("a " + kind + " array has no name");
    if (!point_names.insert(name).second) fail("the point array name '" + name + "' is used twice");
  };
  if (!points.names.empty()) {
    if (points.names.size() != n) {
      fail("there are " + std::to_string(points.names.size()) + " names for " + std::to_string(n) + " points");
    }
    claim("name", "name");
  }
  for (const auto& label : points.labels) {
    claim(label.name, "label");
    if (label.values.size() != n) {
      fail("label array '" + label.name + "' holds " + std::to_string(label.values.size()) + " values for " +
           std::to_string(n) + " points");
    }
  }
  for (const auto& a : points.point_arrays) {
    claim(a.name, "point");
    check_numeric(a, n, "point");
  }
  for (std::size_t s = 0; s < points.segments.size(); ++s) {
    const auto [from, to] = points.segments[s];
    if (from >= n || to >= n || from == to) {
      fail("segment " + std::to_string(s) + " joins points " + std::to_string(from) + " and " + std::to_string(to) +
           ": indices must differ and be below " + std::to_string(n));
    }
  }
  std::set<std::string> segment_names;
  for (const auto& a : points.segment_arrays) {
    if (a.name.empty()) fail("a segment array has no name");
    if (!segment_names.insert(a.name).second) fail("the segment array name '" + a.name + "' is used twice");
    check_numeric(a, points.segments.size(), "segment");
  }
}

void write_vtp(const PointSet& points, const fs::path& path) {
  validate(points);
  const std::size_t n = points.positions.size();
  const std::size_t m = points.segments.size();

  auto coordinates = vtkSmartPointer<vtkPoints>::New();
  coordinates->SetDataTypeToDouble();
  coordinates->SetNumberOfPoints(static_cast<vtkIdType>(n));
  auto vertices = vtkSmartPointer<vtkCellArray>::New();
  for (std::size_t i = 0; i < n; ++i) {
    coordinates->SetPoint(static_cast<vtkIdType>(i), points.positions[i].data());
    const vtkIdType id = static_cast<vtkIdType>(i);
    vertices->InsertNextCell(1, &id);
  }
  auto lines = vtkSmartPointer<vtkCellArray>::New();
  for (const auto& [from, to] : points.segments) {
    const vtkIdType ends[2] = {static_cast<vtkIdType>(from), static_cast<vtkIdType>(to)};
    lines->InsertNextCell(2, ends);
  }
  auto poly = vtkSmartPointer<vtkPolyData>::New();
  poly->SetPoints(coordinates);
  poly->SetVerts(vertices);
  if (m > 0) poly->SetLines(lines);

  auto add_strings = [&](const std::string& name, const std::vector<std::string>& values) {
    auto data = vtkSmartPointer<vtkStringArray>::New();
    data->SetName(name.c_str());
    data->SetNumberOfValues(static_cast<vtkIdType>(values.size()));
    for (std::size_t i = 0; i < values.size(); ++i) data->SetValue(static_cast<vtkIdType>(i), values[i]);
    poly->GetPointData()->AddArray(data);
  };
  if (!points.names.empty()) add_strings("name", points.names);
  for (const auto& label : points.labels) add_strings(label.name, label.values);
  bool have_scalars = false;
  for (const auto& a : points.point_arrays) {
    auto data = to_vtk(a.name, a.components, n);
    std::copy(a.values.begin(), a.values.end(), data->GetPointer(0));
    poly->GetPointData()->AddArray(data);
    if (a.components == 1 && !have_scalars) {
      poly->GetPointData()->SetActiveScalars(a.name.c_str());
      have_scalars = true;
    }
  }
  // Cell data covers the vertex cells first (NaN: a vertex has no segment value), then the segments.
  for (const auto& a : points.segment_arrays) {
    auto data = to_vtk(a.name, a.components, n + m);
    double* out = data->GetPointer(0);
    std::fill(out, out + n * static_cast<std::size_t>(a.components), std::numeric_limits<double>::quiet_NaN());
    std::copy(a.values.begin(), a.values.end(), out + n * static_cast<std::size_t>(a.components));
    poly->GetCellData()->AddArray(data);
  }

  attach_field_data(*poly, points.field_data);
  auto writer = vtkSmartPointer<vtkXMLPolyDataWriter>::New();
  writer->SetInputData(poly);
  write_vtk_xml(*writer, path);
}

}  // namespace twinlab::viz
