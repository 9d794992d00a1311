// viz/vtk_points: .vtp point sets (names, labels, values, segments) read back by VTK's XML reader.
#include "viz/vtk_points.hpp"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>
#include <vtkStringArray.h>
#include <vtkXMLPolyDataReader.h>

#include <catch2/catch.hpp>
#include <cmath>
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
  explicit Scratch(const std::string& name) : ScratchDir("vtp", name) {}
};

// A production-line-like layout: three stations joined by two buffers.
viz::PointSet example_points() {
  viz::PointSet p;
  p.positions = {{0.0, 0.0, 0.0}, {12.5, 0.0, 1.0}, {25.0, -3.25, 2.0}};
  p.names = {"press", "école", "pack"};
  p.labels = {{"kind", {"station", "station", "sink"}}};
  p.point_arrays = {{"utilisation", 1, {0.5, 0.75, 0.25}}, {"velocity_m_s", 3, {1, 0, 0, 0, 1, 0, 0, 0, 1}}};
  p.segments = {{0, 1}, {1, 2}};
  p.segment_arrays = {{"buffer_level", 1, {3.0, 7.0}}};
  return p;
}

vtkSmartPointer<vtkPolyData> read_vtp(const fs::path& path) {
  auto reader = vtkSmartPointer<vtkXMLPolyDataReader>::New();
  reader->SetFileName(path.c_str());
  reader->Update();
  REQUIRE(reader->GetErrorCode() == 0);
  vtkSmartPointer<vtkPolyData> poly = reader->GetOutput();
  return poly;
}

}  // namespace

TEST_CASE("vtk_points: points, names, labels, values and segments read back", "[viz][vtp]") {
  Scratch s("roundtrip");
  const fs::path file = s.dir / "stations.vtp";
  viz::write_vtp(example_points(), file);
  CHECK(s.entries() == std::set<std::string>{"stations.vtp"});

  auto poly = read_vtp(file);
  REQUIRE(poly->GetNumberOfPoints() == 3);
  CHECK(poly->GetNumberOfVerts() == 3);  // each point is drawn as a vertex
  CHECK(poly->GetNumberOfLines() == 2);
  double xyz[3];
  poly->GetPoint(2, xyz);
  CHECK(xyz[0] == 25.0);  // exact: coordinates are stored as doubles
  CHECK(xyz[1] == -3.25);
  CHECK(xyz[2] == 2.0);

  auto* names = vtkStringArray::SafeDownCast(poly->GetPointData()->GetAbstractArray("name"));
  REQUIRE(names != nullptr);
  CHECK(names->GetValue(0) == "press");
  CHECK(names->GetValue(1) == "école");  // UTF-8 survives
  auto* kind = vtkStringArray::SafeDownCast(poly->GetPointData()->GetAbstractArray("kind"));
  REQUIRE(kind != nullptr);
  CHECK(kind->GetValue(2) == "sink");

  vtkDataArray* u = poly->GetPointData()->GetArray("utilisation");
  REQUIRE(u != nullptr);
  CHECK(u->GetTuple1(1) == 0.75);
  CHECK(poly->GetPointData()->GetScalars() == u);
  vtkDataArray* v = poly->GetPointData()->GetArray("velocity_m_s");
  REQUIRE(v != nullptr);
  CHECK(v->GetNumberOfComponents() == 3);
  CHECK(v->GetTuple3(2)[2] == 1.0);

  // Lines join the given point indices, in order.
  vtkCellArray* lines = poly->GetLines();
  vtkIdType count = 0;
  const vtkIdType* ids = nullptr;
  lines->GetCellAtId(1, count, ids);
  REQUIRE(count == 2);
  CHECK(ids[0] == 1);
  CHECK(ids[1] == 2);

  // Cell data: the three vertex cells come first (NaN), then the two segments.
  vtkDataArray* level = poly->GetCellData()->GetArray("buffer_level");
  REQUIRE(level != nullptr);
  REQUIRE(level->GetNumberOfTuples() == 5);
  for (vtkIdType c = 0; c < 3; ++c) CHECK(std::isnan(level->GetTuple1(c)));
  CHECK(level->GetTuple1(3) == 3.0);
  CHECK(level->GetTuple1(4) == 7.0);
}

TEST_CASE("vtk_points: unnamed points without segments, and an empty set, are valid files", "[viz][vtp]") {
  Scratch s("plain");
  viz::PointSet p;
  p.positions = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}};
  p.point_arrays = {{"peak_concentration_kg_m3", 1, {1e-6, 2e-6}}};
  viz::write_vtp(p, s.dir / "receptors.vtp");
  auto poly = read_vtp(s.dir / "receptors.vtp");
  CHECK(poly->GetNumberOfPoints() == 2);
  CHECK(poly->GetNumberOfLines() == 0);
  CHECK(poly->GetPointData()->GetAbstractArray("name") == nullptr);
  CHECK(poly->GetCellData()->GetNumberOfArrays() == 0);
  CHECK(poly->GetPointData()->GetArray("peak_concentration_kg_m3")->GetTuple1(1) == 2e-6);

  viz::write_vtp(viz::PointSet{}, s.dir / "empty.vtp");
  CHECK(read_vtp(s.dir / "empty.vtp")->GetNumberOfPoints() == 0);
}

TEST_CASE("vtk_points: inconsistent point sets are rejected before anything is written", "[viz][vtp]") {
  struct Case {
    const char* what;
    std::function<void(viz::PointSet&)> spoil;
    const char* message;
  };
  const auto c = GENERATE(
      Case{"names", [](viz::PointSet& p) { p.names.pop_back(); }, "2 names for 3 points"},
      Case{"labels", [](viz::PointSet& p) { p.labels[0].values.push_back("x"); }, "4 values for 3 points"},
      Case{"point values", [](viz::PointSet& p) { p.point_arrays[1].values.pop_back(); }, "holds 8 values but needs 9"},
      Case{"segment index",
           [](viz::PointSet& p) {
             p.segments[1] = {1, 3};
           },
           "indices must differ and be below 3"},
      Case{"self segment",
           [](viz::PointSet& p) {
             p.segments[0] = {2, 2};
           },
           "joins points 2 and 2"},
      Case{"segment values", [](viz::PointSet& p) { p.segment_arrays[0].values = {1.0}; }, "1 values but needs 2"},
      Case{"reserved name", [](viz::PointSet& p) { p.labels[0].name = "name"; }, "'name' is used twice"},
      Case{"duplicate", [](viz::PointSet& p) { p.point_arrays[0].name = "kind"; }, "'kind' is used twice"},
      Case{"non-finite", [](viz::PointSet& p) { p.positions[1][2] = std::nan(""); }, "point 1 has a non-finite"});
  CAPTURE(c.what);
  Scratch s("invalid");
  viz::PointSet p = example_points();
  c.spoil(p);
  REQUIRE_THROWS_AS(viz::write_vtp(p, s.dir / "x.vtp"), std::invalid_argument);
  REQUIRE_THROWS_WITH(viz::validate(p), Catch::Contains(c.message));
  CHECK(s.entries().empty());
}
