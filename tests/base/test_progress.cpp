// base/progress: the progress line's text, its ETA, and silence when disabled.
#include "base/progress.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <functional>
#include <string>

namespace base = twinlab::base;

TEST_CASE("progress: the line shows the percentage, elapsed time and the ETA at the average rate", "[base][progress]") {
  // 25 % done after 10 s: the remaining 75 % take 30 s at the same rate.
  CHECK(base::ProgressLine::text("eulerian", 0.25, 10.0) == "[eulerian]  25.0 %  elapsed 0:10  ETA 0:30");
  CHECK(base::ProgressLine::text("line", 0.5, 3725.0) == "[line]  50.0 %  elapsed 1:02:05  ETA 1:02:05");
  CHECK(base::ProgressLine::text("x", 0.0, 5.0) == "[x]   0.0 %  elapsed 0:05  ETA --:--");  // no rate yet
  CHECK(base::ProgressLine::text("x", 1.7, 5.0) == "[x] 100.0 %  elapsed 0:05  ETA 0:00");    // clamped
  // A sweep of 1000 runs, 40 % done after 8 s: 50 runs/s.
  CHECK(base::ProgressLine::text("sweep", 0.4, 8.0, 1000, "runs") == "[sweep]  40.0 %  elapsed 0:08  ETA 0:12  50 runs/s");
}

namespace {

// What `body` writes to stderr (file descriptor 2 redirected to a temporary file meanwhile).
std::string stderr_of(const std::function<void()>& body) {
  std::fflush(stderr);
  std::FILE* capture = std::tmpfile();
  const int saved = ::dup(2);
  ::dup2(::fileno(capture), 2);
  body();
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  std::string text;
  std::rewind(capture);
  for (int c; (c = std::fgetc(capture)) != EOF;) text += static_cast<char>(c);
  std::fclose(capture);
  return text;
}

}  // namespace

TEST_CASE("progress: drawn only when enabled and after the quiet time, erased at the end", "[base][progress]") {
  base::enable_progress(false);
  CHECK(stderr_of([] { base::ProgressLine("off", 0.0).update(0.5); }).empty());  // -q or not a terminal

  base::enable_progress(true);
  CHECK(stderr_of([] { base::ProgressLine("short", 100.0).update(0.5); }).empty());  // a short run stays silent
  const std::string drawn = stderr_of([] {
    base::ProgressLine line("long", 0.0);
    line.update(0.5);
    line.update(0.6);  // within 250 ms of the first: not redrawn
  });
  base::enable_progress(false);
  CHECK(drawn.find("[long]  50.0 %") != std::string::npos);
  CHECK(drawn.find("60.0") == std::string::npos);
  CHECK(drawn.size() >= 4);
  CHECK(drawn.substr(drawn.size() - 4) == "\r\033[K");  // erased: the next output starts on a clean line
}
