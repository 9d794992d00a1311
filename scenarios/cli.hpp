#pragma once
// The `twinlab` command line. Returns the process exit status: 0 success, 2 invalid input or usage,
// 1 runtime failure (also: stdout could not be written), 130 / 143 interrupted by SIGINT / SIGTERM.
// Results go to stdout; logs, progress and error messages to stderr.
namespace twinlab::scenarios {

int cli_main(int argc, char** argv);

}  // namespace twinlab::scenarios
