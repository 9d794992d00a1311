#include "viz/vtk_rectilinear.hpp"

#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkPointData.h>
#include <vtkRectilinearGrid.h>
#include <vtkSmartPointer.h>
#include <vtkXMLRectilinearGridWriter.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string>

#include "viz/vtk_field_data.hpp"
#include "viz/vtk_xml_file.hpp"

namespace twinlab::viz {

std::size_t point_count(const RectilinearGrid& grid) { return grid.x.size() * grid.y.size() * grid.z.size(); }

std::size_t cell_count(const RectilinearGrid& grid) {
  std::size_t cells = 1;
  for (const auto* axis : {&grid.x, &grid.y, &grid.z}) {
    if (axis->empty()) return 0;
    if (axis->size() > 1) cells *= axis->size() - 1;
  }
  return cells;
}

void validate(const RectilinearGrid& grid) {
  auto fail = [](const std::string& what) { throw std::invalid_argument("VTK rectilinear grid: " + what); };
  const char* names[3] = {"x", "y", "z"};
  const std::vector<double>* axes[3] = {&grid.x, &grid.y, &grid.z};
  for (int a = 0; a < 3; ++a) {
    const auto& c = *axes[a];
    if (c.empty() || c.size() > static_cast<std::size_t>(INT_MAX)) fail(std::string(names[a]) + " needs 1 or more points");
    for (std::size_t i = 0; i < c.size(); ++i) {
      if (!std::isfinite(c[i]) || (i > 0 && !(c[i] > c[i - 1])))
        fail(std::string(names[a]) + " coordinates must be finite and strictly increasing (at " + std::to_string(i) + ")");
    }
  }
  std::set<std::string> seen[2];
  for (const auto& array : grid.arrays) {
    const bool point = array.association == Association::point;
    const std::string where = std::string(point ? "point" : "cell") + " array '" + array.name + "'";
    if (array.name.empty()) fail("an array has no name");
    if (!seen[point ? 0 : 1].insert(array.name).second) fail(where + " appears twice");
    if (array.components < 1) fail(where + ": components must be >= 1");
    const std::size_t expected = (point ? point_count(grid) : cell_count(grid)) * static_cast<std::size_t>(array.components);
    if (array.values.size() != expected)
      fail(where + " holds " + std::to_string(array.values.size()) + " values but the grid needs " + std::to_string(expected));
  }
}

void write_vtr(const RectilinearGrid& grid, const std::filesystem::path& path) {
  validate(grid);
  auto out = vtkSmartPointer<vtkRectilinearGrid>::New();
  out->SetDimensions(static_cast<int>(grid.x.size()), static_cast<int>(grid.y.size()), static_cast<int>(grid.z.size()));
  auto coordinates = [](const std::vector<double>& c) {
    auto a = vtkSmartPointer<vtkDoubleArray>::New();
    a->SetNumberOfTuples(static_cast<vtkIdType>(c.size()));
    std::copy(c.begin(), c.end(), a->GetPointer(0));
    return a;
  };
  out->SetXCoordinates(coordinates(grid.x));
  out->SetYCoordinates(coordinates(grid.y));
  out->SetZCoordinates(coordinates(grid.z));
  bool have_scalars[2] = {false, false};
  for (const auto& array : grid.arrays) {
    const int slot = array.association == Association::point ? 0 : 1;
    vtkDataSetAttributes* target = slot == 0 ? static_cast<vtkDataSetAttributes*>(out->GetPointData())
                                             : static_cast<vtkDataSetAttributes*>(out->GetCellData());
    auto data = vtkSmartPointer<vtkDoubleArray>::New();
    data->SetName(array.name.c_str());
    data->SetNumberOfComponents(array.components);
    data->SetNumberOfTuples(static_cast<vtkIdType>(array.values.size() / static_cast<std::size_t>(array.components)));
    std::copy(array.values.begin(), array.values.end(), data->GetPointer(0));
    target->AddArray(data);
    if (array.components == 1 && !have_scalars[slot]) {  // the first scalar colours the view in ParaView
      target->SetActiveScalars(array.name.c_str());
      have_scalars[slot] = true;
    }
  }
  attach_field_data(*out, grid.field_data);
  auto writer = vtkSmartPointer<vtkXMLRectilinearGridWriter>::New();
  writer->SetInputData(out);
  write_vtk_xml(*writer, path);
}

}  // namespace twinlab::viz
