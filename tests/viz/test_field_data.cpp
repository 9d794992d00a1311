// viz/field_data: units and time stored as field data of .vti, .vtr and .vtp files, read back by VTK's readers.
#include "viz/field_data.hpp"

#include <vtkAbstractArray.h>
#include <vtkDataArray.h>
#include <vtkDataObject.h>
#include <vtkFieldData.h>
#include <vtkRectilinearGrid.h>
#include <vtkSmartPointer.h>
#include <vtkStringArray.h>
#include <vtkXMLImageDataReader.h>
#include <vtkXMLPolyDataReader.h>
#include <vtkXMLRectilinearGridReader.h>

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "tests/support/test_files.hpp"
#include "viz/vtk_image.hpp"
#include "viz/vtk_points.hpp"
#include "viz/vtk_rectilinear.hpp"

namespace fs = std::filesystem;
namespace viz = twinlab::viz;
namespace test = twinlab::test;

namespace {

viz::FieldData example_field_data() {
  viz::FieldData f;
  f.text = {{"concentration_units", "kg m-3"}, {"coordinate_units", "m"}};
  f.numbers = {{"TimeValue", 5400.25}};
  return f;
}

template <class Reader>
vtkSmartPointer<vtkDataObject> read(const fs::path& path) {
  auto reader = vtkSmartPointer<Reader>::New();
  reader->SetFileName(path.c_str());
  reader->Update();
  REQUIRE(reader->GetErrorCode() == 0);
  vtkSmartPointer<vtkDataObject> out = reader->GetOutputDataObject(0);
  return out;
}

std::string text_of(vtkDataObject* object, const char* name) {
  auto* array = vtkStringArray::SafeDownCast(object->GetFieldData()->GetAbstractArray(name));
  REQUIRE(array != nullptr);
  REQUIRE(array->GetNumberOfValues() == 1);
  return array->GetValue(0);
}

void check_field_data(vtkDataObject* object) {
  CHECK(text_of(object, "concentration_units") == "kg m-3");
  CHECK(text_of(object, "coordinate_units") == "m");
  vtkDataArray* time = object->GetFieldData()->GetArray("TimeValue");
  REQUIRE(time != nullptr);
  CHECK(time->GetTuple1(0) == 5400.25);  // exact: a double stored bit for bit
}

}  // namespace

TEST_CASE("field_data: units and TimeValue read back from a .vti, a .vtr and a .vtp", "[viz][field_data]") {
  test::ScratchDir s("field_data", "roundtrip");

  viz::ImageData image;
  image.dimensions = {3, 2, 1};
  image.arrays.push_back({"concentration", viz::Association::point, 1, std::vector<double>(6, 1.0)});
  image.field_data = example_field_data();
  viz::write_vti(image, s.dir / "a.vti");
  check_field_data(read<vtkXMLImageDataReader>(s.dir / "a.vti"));

  viz::RectilinearGrid grid;
  grid.x = {0.0, 1.0};
  grid.y = {0.0, 2.0};
  grid.z = {0.0, 0.5, 3.0};
  grid.arrays.push_back({"concentration", viz::Association::cell, 1, std::vector<double>(2, 1.0)});
  grid.field_data = example_field_data();
  viz::write_vtr(grid, s.dir / "a.vtr");
  check_field_data(read<vtkXMLRectilinearGridReader>(s.dir / "a.vtr"));

  viz::PointSet points;
  points.positions = {{0.0, 0.0, 10.0}, {5.0, 0.0, 1.5}};
  points.names = {"stack", "school"};
  points.field_data = example_field_data();
  viz::write_vtp(points, s.dir / "a.vtp");
  check_field_data(read<vtkXMLPolyDataReader>(s.dir / "a.vtp"));
}

TEST_CASE("field_data: no field data writes none", "[viz][field_data]") {
  test::ScratchDir s("field_data", "none");
  viz::ImageData image;
  image.dimensions = {2, 2, 1};
  viz::write_vti(image, s.dir / "b.vti");
  CHECK(read<vtkXMLImageDataReader>(s.dir / "b.vti")->GetFieldData()->GetNumberOfArrays() == 0);
}

TEST_CASE("field_data: an empty or repeated name is refused before anything is written", "[viz][field_data]") {
  test::ScratchDir s("field_data", "bad");
  viz::FieldData repeated;
  repeated.text = {{"TimeValue", "x"}};
  repeated.numbers = {{"TimeValue", 1.0}};
  CHECK_THROWS_WITH(viz::validate(repeated), Catch::Contains("'TimeValue' is used twice"));
  viz::FieldData unnamed;
  unnamed.numbers = {{"", 1.0}};
  CHECK_THROWS_WITH(viz::validate(unnamed), Catch::Contains("has no name"));

  viz::ImageData image;
  image.dimensions = {2, 2, 1};
  image.field_data = repeated;
  CHECK_THROWS_AS(viz::write_vti(image, s.dir / "c.vti"), std::invalid_argument);
  CHECK_FALSE(fs::exists(s.dir / "c.vti"));
}
