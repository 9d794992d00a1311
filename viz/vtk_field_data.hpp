#pragma once
// Attaches viz::FieldData to a VTK dataset before it is written (viz's .cpp files only: VTK stays private).
#include "viz/field_data.hpp"

class vtkDataObject;

namespace twinlab::viz {

void attach_field_data(vtkDataObject& object, const FieldData& field_data);

}  // namespace twinlab::viz
