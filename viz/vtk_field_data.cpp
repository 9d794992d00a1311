#include "viz/vtk_field_data.hpp"

#include <vtkDataObject.h>
#include <vtkDoubleArray.h>
#include <vtkFieldData.h>
#include <vtkSmartPointer.h>
#include <vtkStringArray.h>

#include <set>
#include <stdexcept>

namespace twinlab::viz {

void validate(const FieldData& field_data) {
  std::set<std::string> names;
  auto claim = [&names](const std::string& name) {
    if (name.empty()) throw std::invalid_argument("VTK field data: an array has no name");
    if (!names.insert(name).second) throw std::invalid_argument("VTK field data: the name '" + name + "' is used twice");
  };
  for (const auto& [name, value] : field_data.text) claim(name);
  for (const auto& [name, value] : field_data.numbers) claim(name);
}

void attach_field_data(vtkDataObject& object, const FieldData& field_data) {
  validate(field_data);
  if (field_data.empty()) return;
  vtkFieldData* target = object.GetFieldData();
  for (const auto& [name, value] : field_data.text) {
    auto array = vtkSmartPointer<vtkStringArray>::New();
    array->SetName(name.c_str());
    array->InsertNextValue(value);
    target->AddArray(array);
  }
  for (const auto& [name, value] : field_data.numbers) {
    auto array = vtkSmartPointer<vtkDoubleArray>::New();
    array->SetName(name.c_str());
    array->InsertNextValue(value);
    target->AddArray(array);
  }
}

}  // namespace twinlab::viz
