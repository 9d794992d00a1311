#pragma once
// Before any run of a sweep starts: the base scenario must validate with every parameter at the lowest and
// at the highest value the design gives it (the others as in the base), so that a bad range fails at once,
// at the parameter's line in the study file, instead of as thousands of failed runs.
#include "scenarios/study/study_file.hpp"

namespace twinlab::scenarios {

// Throws base::InputError at the parameter's `key` in the study file.
void check_study_against_scenario(const StudySpec& spec, const StudyDesign& design);

}  // namespace twinlab::scenarios
