#include <catch2/catch.hpp>

#include <fstream>

#include "base/error.hpp"
#include "scenarios/study/train_spec.hpp"
#include "tests/support/test_files.hpp"

using namespace twinlab::scenarios;

using twinlab::test::ScratchDir;
using twinlab::test::put;

TEST_CASE("a train spec gives the flags' settings, paths relative to the spec file") {
  ScratchDir scratch("train_spec", "ok");
  put(scratch.dir / "study.h5", "not read here");
  put(scratch.dir / "spec.yaml", "study: study.h5\ninputs: [a, b]\noutputs: [k]\nlog_outputs: [k]\nmembers: 3\n"
                                 "hidden: [16, 8]\nepochs: 200\nseed: 9\noutput: out/models/m\n");
  const TrainSpec spec = load_train_spec(scratch.dir / "spec.yaml");
  CHECK(spec.study == std::filesystem::absolute(scratch.dir) / "study.h5");
  CHECK(*spec.inputs == "a,b");
  CHECK(*spec.log_outputs == "k");
  CHECK(*spec.members == 3);
  CHECK(*spec.hidden == "16,8");
  CHECK(*spec.epochs == 200);
  CHECK(*spec.seed == 9);
  CHECK_FALSE(spec.patience.has_value());
  CHECK(spec.output->string() == "out/models/m");
  CHECK_FALSE(spec.active.has_value());
}

TEST_CASE("a bad train spec is refused at its line and key") {
  ScratchDir scratch("train_spec", "bad");
  put(scratch.dir / "t.h5", "");
  auto error_of = [&](const std::string& text) -> std::string {
    put(scratch.dir / "spec.yaml", text);
    try {
      load_train_spec(scratch.dir / "spec.yaml");
    } catch (const twinlab::base::InputError& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string unknown = error_of("study: t.h5\nmember: 3\n");
  CHECK_THAT(unknown, Catch::Contains("spec.yaml:2:1") && Catch::Contains("member"));
  CHECK_THAT(error_of("study: t.h5\nmembers: 0\n"), Catch::Contains("spec.yaml:2:") && Catch::Contains("members"));
  CHECK_THAT(error_of("study: t.h5\nhidden: [16, 2.5]\n"), Catch::Contains("spec.yaml:2:") && Catch::Contains("2.5"));
  CHECK_THAT(error_of("study: missing.h5\n"), Catch::Contains("spec.yaml:1:") && Catch::Contains("no such file"));
  CHECK_THAT(error_of("study: t.h5\nactive: {budget: 40}\n"), Catch::Contains("study file (.yaml)"));
}

TEST_CASE("hidden widths are whole numbers 1-4096") {
  CHECK(parse_hidden_widths("64, 32", {"--hidden", 0, 0, ""}) == std::vector<int>{64, 32});
  CHECK_THROWS_AS(parse_hidden_widths("64,x", {"--hidden", 0, 0, ""}), twinlab::base::InputError);
  CHECK_THROWS_AS(parse_hidden_widths("0", {"--hidden", 0, 0, ""}), twinlab::base::InputError);
  CHECK_THROWS_AS(parse_hidden_widths("16.5", {"--hidden", 0, 0, ""}), twinlab::base::InputError);
}
