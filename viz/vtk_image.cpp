#include "viz/vtk_image.hpp"

#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkImageData.h>
#include <vtkPointData.h>
#include <vtkSmartPointer.h>
#include <vtkXMLImageDataWriter.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <set>
#include <stdexcept>

#include "viz/vtk_field_data.hpp"
#include "viz/vtk_xml_file.hpp"

namespace twinlab::viz {

namespace fs = std::filesystem;

ImageData image_for_cells(const std::array<double, 3>& corner_m, const std::array<double, 3>& cell_size_m,
                          const std::array<std::size_t, 3>& cells) {
  ImageData image;
  image.origin = corner_m;
  image.spacing = cell_size_m;
  for (std::size_t axis = 0; axis < 3; ++axis) image.dimensions[axis] = cells[axis] + 1;
  return image;
}

std::size_t point_count(const ImageData& image) {
  return image.dimensions[0] * image.dimensions[1] * image.dimensions[2];
}

std::size_t cell_count(const ImageData& image) {
  std::size_t cells = 1;
  for (const auto d : image.dimensions) {
    if (d == 0) return 0;
    if (d > 1) cells *= d - 1;
  }
  return cells;
}

void validate(const ImageData& image) {
  auto fail = [](const std::string& what) { throw std::invalid_argument("VTK image: " + what); };
  static constexpr const char* axis_name[3] = {"x", "y", "z"};
  for (std::size_t axis = 0; axis < 3; ++axis) {
    const std::string a = axis_name[axis];
    if (image.dimensions[axis] < 1 || image.dimensions[axis] > static_cast<std::size_t>(INT_MAX)) {
      fail("dimension " + a + " must be between 1 and " + std::to_string(INT_MAX) + " points (got " +
           std::to_string(image.dimensions[axis]) + ")");
    }
    if (!(image.spacing[axis] > 0.0) || !std::isfinite(image.spacing[axis])) {
      fail("spacing " + a + " must be positive and finite (got " + std::to_string(image.spacing[axis]) + ")");
    }
    if (!std::isfinite(image.origin[axis])) fail("origin " + a + " must be finite");
  }
  std::set<std::string> names[2];
  for (const auto& array : image.arrays) {
    const bool point = array.association == Association::point;
    const std::string where = std::string(point ? "point" : "cell") + " array '" + array.name + "'";
    if (array.name.empty()) fail("an array has no name");
    if (!names[point ? 0 : 1].insert(array.name).second) fail(where + " appears twice");
    if (array.components < 1) fail(where + ": components must be >= 1");
    const std::size_t tuples = point ? point_count(image) : cell_count(image);
    const std::size_t expected = tuples * static_cast<std::size_t>(array.components);
    if (array.values.size() != expected) {
      fail(where + " holds " + std::to_string(array.values.size()) + " values but the grid needs " +
           std::to_string(expected) + " (" + std::to_string(tuples) + " " + (point ? "points" : "cells") + " x " +
           std::to_string(array.components) + " components)");
    }
  }
}

void write_vti(const ImageData& image, const fs::path& path) {
  validate(image);
  auto grid = vtkSmartPointer<vtkImageData>::New();
  grid->SetDimensions(static_cast<int>(image.dimensions[0]), static_cast<int>(image.dimensions[1]),
                      static_cast<int>(image.dimensions[2]));
  grid->SetOrigin(image.origin.data());
  grid->SetSpacing(image.spacing.data());

  bool have_scalars[2] = {false, false};
  bool have_vectors[2] = {false, false};
  for (const auto& array : image.arrays) {
    const int slot = array.association == Association::point ? 0 : 1;
    vtkDataSetAttributes* target = slot == 0 ? static_cast<vtkDataSetAttributes*>(grid->GetPointData())
                                             : static_cast<vtkDataSetAttributes*>(grid->GetCellData());
    auto data = vtkSmartPointer<vtkDoubleArray>::New();
    data->SetName(array.name.c_str());
    data->SetNumberOfComponents(array.components);
    data->SetNumberOfTuples(static_cast<vtkIdType>(array.values.size() / static_cast<std::size_t>(array.components)));
    std::copy(array.values.begin(), array.values.end(), data->GetPointer(0));
    target->AddArray(data);
    // The first scalar and vector arrays become the active ones, so ParaView colours and glyphs by them.
    if (array.components == 1 && !have_scalars[slot]) {
      target->SetActiveScalars(array.name.c_str());
      have_scalars[slot] = true;
    } else if (array.components == 3 && !have_vectors[slot]) {
      target->SetActiveVectors(array.name.c_str());
      have_vectors[slot] = true;
    }
  }
  attach_field_data(*grid, image.field_data);
  auto writer = vtkSmartPointer<vtkXMLImageDataWriter>::New();
  writer->SetInputData(grid);
  write_vtk_xml(*writer, path);
}

}  // namespace twinlab::viz
