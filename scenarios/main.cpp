#include "scenarios/cli.hpp"

int main(int argc, char** argv) { return twinlab::scenarios::cli_main(argc, argv); }
