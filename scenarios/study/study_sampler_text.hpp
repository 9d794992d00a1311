#pragma once
// The design of a study recovered from the study text that study.h5 stores (root attribute `study`), without
// its base scenario: the sampler's name and its SamplerSpec, read through the same study schema as
// `twinlab sweep` reads study files. `twinlab analyze` re-creates a Morris design from it to know each
// trajectory's steps in the unit cube.
#include <string>

#include "sim/design/sampler.hpp"

namespace twinlab::scenarios {

struct StudySampler {
  std::string name;                    // saltelli, morris, lhs, ...
  sim::design::SamplerSpec spec;       // dimension = the study's parameter count, seed = the study's seed
};

// Throws base::InputError at file_label:line:col when the text is not a valid study.
StudySampler study_sampler_from_text(const std::string& text, const std::string& file_label);

}  // namespace twinlab::scenarios
