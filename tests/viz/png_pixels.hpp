// Reading a PNG back for the render tests: size and RGB pixels addressed from the top left, plus the
// statistics that tell a picture from a blank one. Test-only (links VTK's PNG reader).
#pragma once

#include <vtkImageData.h>
#include <vtkPNGReader.h>
#include <vtkSmartPointer.h>

#include <array>
#include <filesystem>
#include <set>

namespace twinlab::test {

struct PngPixels {
  int width = 0, height = 0;
  vtkSmartPointer<vtkImageData> image;

  explicit PngPixels(const std::filesystem::path& path) {
    auto reader = vtkSmartPointer<vtkPNGReader>::New();
    if (!std::filesystem::exists(path) || reader->CanReadFile(path.string().c_str()) == 0) return;
    reader->SetFileName(path.string().c_str());
    reader->Update();
    image = reader->GetOutput();
    int dims[3];
    image->GetDimensions(dims);
    width = dims[0];
    height = dims[1];
  }

  // RGB of the pixel `column` from the left, `row` from the top (VTK stores rows bottom-up).
  std::array<int, 3> rgb(int column, int row) const {
    std::array<int, 3> c{};
    for (int k = 0; k < 3; ++k)
      c[k] = static_cast<int>(image->GetScalarComponentAsDouble(column, height - 1 - row, 0, k));
    return c;
  }

  // Fraction of pixels that are not pure white, and the number of distinct colours (of a 4-pixel lattice).
  double non_white_fraction() const {
    long non_white = 0, all = 0;
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x, ++all) {
        const auto c = rgb(x, y);
        non_white += (c[0] != 255 || c[1] != 255 || c[2] != 255) ? 1 : 0;
      }
    return all == 0 ? 0.0 : static_cast<double>(non_white) / all;
  }
  std::size_t distinct_colours() const {
    std::set<int> colours;
    for (int y = 0; y < height; y += 2)
      for (int x = 0; x < width; x += 2) {
        const auto c = rgb(x, y);
        colours.insert(c[0] << 16 | c[1] << 8 | c[2]);
      }
    return colours.size();
  }
};

}  // namespace twinlab::test
