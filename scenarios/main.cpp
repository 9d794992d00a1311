#include "scenarios/cli.hpp"
#include "scenarios/openmp_policy.hpp"

int main(int argc, char** argv) {
  twinlab::scenarios::apply_openmp_policy(argv);  // first: it may re-execute the program (see the header)
  return twinlab::scenarios::cli_main(argc, argv);
}
