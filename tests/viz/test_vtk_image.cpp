// viz/vtk_image: .vti files read back by VTK's XML reader (C++ and Debian's Python VTK).
#include "viz/vtk_image.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkPointData.h>
#include <vtkSmartPointer.h>
#include <vtkXMLImageDataReader.h>

#include <catch2/catch.hpp>
#include <functional>
#include <set>
#include <stdexcept>
#include <string>

#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
namespace viz = twinlab::viz;
namespace test = twinlab::test;

namespace {

struct Scratch : test::ScratchDir {
  explicit Scratch(const std::string& name) : ScratchDir("vti", name) {}
};

// 4 x 3 x 2 cells of 10 m x 20 m x 5 m with the lower corner at (100, -30, 0).
constexpr std::size_t nx = 4, ny = 3, nz = 2;
double cell_value(std::size_t i, std::size_t j, std::size_t k) { return 100.0 * k + 10.0 * j + i + 0.5; }
double point_value(std::size_t i, std::size_t j, std::size_t k) { return -(100.0 * k + 10.0 * j + i); }

viz::ImageData example_image() {
  viz::ImageData image = viz::image_for_cells({100.0, -30.0, 0.0}, {10.0, 20.0, 5.0}, {nx, ny, nz});
  viz::ImageArray c{"concentration_kg_m3", viz::Association::cell, 1, {}};
  viz::ImageArray wind{"wind_m_s", viz::Association::cell, 3, {}};
  for (std::size_t k = 0; k < nz; ++k)
    for (std::size_t j = 0; j < ny; ++j)
      for (std::size_t i = 0; i < nx; ++i) {  // x fastest, the (z, y, x) row-major order of the twins
        c.values.push_back(cell_value(i, j, k));
        wind.values.insert(wind.values.end(), {1.0 * i, 2.0 * j, 3.0 * k});
      }
  viz::ImageArray p{"height_m", viz::Association::point, 1, {}};
  for (std::size_t k = 0; k <= nz; ++k)
    for (std::size_t j = 0; j <= ny; ++j)
      for (std::size_t i = 0; i <= nx; ++i) p.values.push_back(point_value(i, j, k));
  image.arrays = {c, wind, p};
  return image;
}

vtkSmartPointer<vtkImageData> read_vti(const fs::path& path) {
  auto reader = vtkSmartPointer<vtkXMLImageDataReader>::New();
  reader->SetFileName(path.c_str());
  reader->Update();
  REQUIRE(reader->GetErrorCode() == 0);
  vtkSmartPointer<vtkImageData> image = reader->GetOutput();
  return image;
}

}  // namespace

TEST_CASE("vtk_image: geometry and counts follow VTK's point-based convention", "[viz][vti]") {
  const viz::ImageData image = example_image();
  CHECK(image.dimensions == std::array<std::size_t, 3>{5, 4, 3});
  CHECK(viz::point_count(image) == 60);
  CHECK(viz::cell_count(image) == 24);
  viz::ImageData flat;
  flat.dimensions = {6, 5, 1};  // a 2-D image: the flat axis adds no factor
  CHECK(viz::cell_count(flat) == 20);
}

TEST_CASE("vtk_image: a .vti reads back with its origin, spacing, dimensions and arrays", "[viz][vti]") {
  Scratch s("roundtrip");
  const fs::path file = s.dir / "field.vti";
  viz::write_vti(example_image(), file);
  CHECK(s.entries() == std::set<std::string>{"field.vti"});

  const std::string head = test::slurp(file).substr(0, 2000);
  CHECK_THAT(head, Catch::Contains("type=\"ImageData\"") && Catch::Contains("compressor=\"vtkZLibDataCompressor\"") &&
                       Catch::Contains("format=\"appended\"") && Catch::Contains("header_type=\"UInt64\""));

  auto image = read_vti(file);
  int dims[3];
  image->GetDimensions(dims);
  CHECK(dims[0] == 5);
  CHECK(dims[1] == 4);
  CHECK(dims[2] == 3);
  double origin[3], spacing[3];
  image->GetOrigin(origin);
  image->GetSpacing(spacing);
  CHECK(origin[0] == 100.0);
  CHECK(origin[1] == -30.0);
  CHECK(origin[2] == 0.0);
  CHECK(spacing[0] == 10.0);
  CHECK(spacing[1] == 20.0);
  CHECK(spacing[2] == 5.0);

  vtkDataArray* c = image->GetCellData()->GetArray("concentration_kg_m3");
  REQUIRE(c != nullptr);
  REQUIRE(c->GetNumberOfTuples() == 24);
  CHECK(image->GetCellData()->GetScalars() == c);  // first scalar array is the active one
  // Exact: doubles are stored bit for bit (zlib is lossless). Cell (i=3, j=1, k=1) of the VTK ordering:
  const int ijk[3] = {3, 1, 1};
  const vtkIdType cell = image->ComputeCellId(const_cast<int*>(ijk));
  CHECK(c->GetTuple1(cell) == cell_value(3, 1, 1));
  for (vtkIdType id = 0; id < 24; ++id) {
    const auto i = static_cast<std::size_t>(id % 4), j = static_cast<std::size_t>((id / 4) % 3),
               k = static_cast<std::size_t>(id / 12);
    CHECK(c->GetTuple1(id) == cell_value(i, j, k));
  }
  vtkDataArray* wind = image->GetCellData()->GetArray("wind_m_s");
  REQUIRE(wind != nullptr);
  CHECK(wind->GetNumberOfComponents() == 3);
  CHECK(image->GetCellData()->GetVectors() == wind);
  const double* w = wind->GetTuple3(cell);
  CHECK(w[0] == 3.0);
  CHECK(w[1] == 2.0);
  CHECK(w[2] == 3.0);

  vtkDataArray* p = image->GetPointData()->GetArray("height_m");
  REQUIRE(p != nullptr);
  REQUIRE(p->GetNumberOfTuples() == 60);
  int point_ijk[3] = {4, 3, 2};
  CHECK(p->GetTuple1(image->ComputePointId(point_ijk)) == point_value(4, 3, 2));
  double xyz[3];
  image->GetPoint(image->ComputePointId(point_ijk), xyz);
  CHECK(xyz[0] == 140.0);  // 100 + 4 * 10
  CHECK(xyz[1] == 30.0);   // -30 + 3 * 20
  CHECK(xyz[2] == 10.0);   // 0 + 2 * 5
}

TEST_CASE("vtk_image: Debian's Python VTK (what ParaView uses) reads the same values", "[viz][vti][python]") {
  if (!test::system_python_imports("vtkmodules.vtkIOXML")) {
    test::skip("Debian's /usr/bin/python3 lacks VTK (python3-vtk9)");
    return;
  }
  Scratch s("python");
  const fs::path file = s.dir / "field.vti";
  viz::write_vti(example_image(), file);
  const auto run = test::run_python_check(s.dir, R"PY(
import sys
from vtkmodules.vtkIOXML import vtkXMLImageDataReader
from vtkmodules.util.numpy_support import vtk_to_numpy
import numpy as np

r = vtkXMLImageDataReader()
r.SetFileName(sys.argv[1])
r.Update()
img = r.GetOutput()
assert img.GetDimensions() == (5, 4, 3), img.GetDimensions()
assert img.GetOrigin() == (100.0, -30.0, 0.0) and img.GetSpacing() == (10.0, 20.0, 5.0)
c = vtk_to_numpy(img.GetCellData().GetArray("concentration_kg_m3")).reshape(2, 3, 4)  # (z, y, x)
k, j, i = np.meshgrid(range(2), range(3), range(4), indexing="ij")
np.testing.assert_array_equal(c, 100.0 * k + 10.0 * j + i + 0.5)
w = vtk_to_numpy(img.GetCellData().GetArray("wind_m_s"))
assert w.shape == (24, 3) and tuple(w[23]) == (3.0, 4.0, 3.0)
h = vtk_to_numpy(img.GetPointData().GetArray("height_m"))
assert h.shape == (60,) and h[59] == -234.0
print("python vtk ok")
)PY", file);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
}

TEST_CASE("vtk_image: inconsistent images are rejected before anything is written", "[viz][vti]") {
  struct Case {
    const char* what;
    std::function<void(viz::ImageData&)> spoil;
    const char* message;
  };
  const auto c = GENERATE(
      Case{"cell count", [](viz::ImageData& i) { i.arrays[0].values.pop_back(); },
           "holds 23 values but the grid needs 24 (24 cells x 1 components)"},
      Case{"point count", [](viz::ImageData& i) { i.arrays[2].values.push_back(0.0); }, "needs 60"},
      Case{"vector components", [](viz::ImageData& i) { i.arrays[1].components = 2; }, "needs 48"},
      Case{"zero components", [](viz::ImageData& i) { i.arrays[1].components = 0; }, "components must be >= 1"},
      Case{"zero spacing", [](viz::ImageData& i) { i.spacing[1] = 0.0; }, "spacing y must be positive"},
      Case{"zero points", [](viz::ImageData& i) { i.dimensions[2] = 0; }, "dimension z must be between 1"},
      Case{"duplicate name", [](viz::ImageData& i) { i.arrays[1].name = i.arrays[0].name; }, "appears twice"},
      Case{"empty name", [](viz::ImageData& i) { i.arrays[0].name.clear(); }, "has no name"});
  CAPTURE(c.what);
  Scratch s("invalid");
  viz::ImageData image = example_image();
  c.spoil(image);
  REQUIRE_THROWS_AS(viz::write_vti(image, s.dir / "field.vti"), std::invalid_argument);
  REQUIRE_THROWS_WITH(viz::validate(image), Catch::Contains(c.message));
  CHECK(s.entries().empty());
}

TEST_CASE("vtk_image: a failed write names the file and keeps the previous one", "[viz][vti]") {
  Scratch s("atomic");
  const fs::path file = s.dir / "field.vti";
  viz::write_vti(example_image(), file);
  const std::string before = test::slurp(file);
  CHECK_THROWS_WITH(viz::write_vti(example_image(), s.dir / "missing" / "field.vti"),
                    Catch::Contains("missing") && Catch::Contains("does not exist"));
  // A directory in the way: VTK writes the temporary fine, the rename fails, the temporary goes.
  fs::create_directories(s.dir / "blocked.vti" / "inside");
  CHECK_THROWS_WITH(viz::write_vti(example_image(), s.dir / "blocked.vti"), Catch::Contains("rename"));
  CHECK(s.entries() == std::set<std::string>{"field.vti", "blocked.vti"});
  CHECK(test::slurp(file) == before);
}

TEST_CASE("vtk_image: VTK's own write failure becomes an exception and prints nothing", "[viz][vti]") {
  Scratch s("vtkfail");
  const fs::path file = s.dir / "big.vti";
  viz::ImageData image = viz::image_for_cells({0, 0, 0}, {1, 1, 1}, {64, 64, 64});
  viz::ImageArray noise{"noise", viz::Association::cell, 1, std::vector<double>(64 * 64 * 64)};
  std::uint64_t state = 12345;  // incompressible values, so the compressed file still exceeds the limit
  for (auto& v : noise.values) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    v = static_cast<double>(state >> 11);
  }
  image.arrays = {noise};
  // A 64 KiB file-size limit makes VTK's own write(2) fail with EFBIG (SIGXFSZ ignored); stderr is captured
  // meanwhile to prove nothing was printed.
  const fs::path captured = s.dir / "stderr.txt";
  const int saved_stderr = ::dup(2);
  const int capture = ::open(captured.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::string message;
  {
    const test::FileSizeLimit limit(64 * 1024);
    ::dup2(capture, 2);
    try {
      viz::write_vti(image, file);
    } catch (const std::runtime_error& e) {
      message = e.what();
    }
    ::dup2(saved_stderr, 2);
  }
  ::close(saved_stderr);
  ::close(capture);
  CAPTURE(message);
  CHECK_THAT(message, Catch::Contains(file.string()) && Catch::Contains("VTK XML writer failed"));
  CHECK(test::slurp(captured).empty());
  CHECK(s.entries() == std::set<std::string>{"stderr.txt"});
}
