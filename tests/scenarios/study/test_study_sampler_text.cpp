#include <catch2/catch.hpp>

#include "base/error.hpp"
#include "scenarios/study/study_sampler_text.hpp"

using twinlab::scenarios::study_sampler_from_text;

TEST_CASE("the sampler of a study is recovered from the study text alone") {
  // The base scenario does not exist here: only the study schema is needed.
  const std::string text =
      "study: m\nscenario: nowhere.yaml\nseed: 11\nsampler: {name: morris, samples: 5, morris_levels: 6}\n"
      "parameters:\n"
      "  - {key: a.b, distribution: uniform, min: 0, max: 1}\n"
      "  - {key: a.c, distribution: log_uniform, min: 1, max: 10}\n";
  const auto s = study_sampler_from_text(text, "study.h5");
  CHECK(s.name == "morris");
  CHECK(s.spec.dimension == 2);
  CHECK(s.spec.samples == 5);
  CHECK(s.spec.morris_levels == 6);
  CHECK(s.spec.seed == 11);
}

TEST_CASE("study_sampler_from_text fills the schema's defaults and locates errors in the text") {
  const std::string text = "seed: 2\nsampler: {name: morris, samples: 3}\nparameters:\n"
                           "  - {key: a.b, distribution: uniform, min: 0, max: 1}\n";
  CHECK(study_sampler_from_text(text, "s.h5").spec.morris_levels == 4);  // the schema's default p
  try {
    study_sampler_from_text("seed: 2\nsampler: {name: morris, sample: 3}\nparameters: []\n", "s.h5");
    FAIL("no error");
  } catch (const twinlab::base::InputError& e) {
    CHECK(e.where().file == "s.h5");
    CHECK(e.where().line == 2);
  }
}
