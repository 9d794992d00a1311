#include <catch2/catch.hpp>

#include "base/error.hpp"

using twinlab::base::format_input_error;
using twinlab::base::InputError;
using twinlab::base::printable;

TEST_CASE("printable keeps plain text and UTF-8 letters as they are") {
  CHECK(printable("dispersion.sources[1].height_m must be >= 0 (got -5)") ==
        "dispersion.sources[1].height_m must be >= 0 (got -5)");
  CHECK(printable("Stra\xc3\x9f" "e \xe2\x82\xac \xf0\x9f\x98\x80") == "Stra\xc3\x9f" "e \xe2\x82\xac \xf0\x9f\x98\x80");
}

TEST_CASE("printable escapes control characters, C1 controls and bytes that are not UTF-8") {
  CHECK(printable("a\x1b[2Jb") == "a\\x1b[2Jb");       // ESC: clear screen
  CHECK(printable("one\ntwo\r\tthree") == "one\\ntwo\\r\\tthree");
  CHECK(printable(std::string("nul\0x", 5)) == "nul\\x00x");
  CHECK(printable("del\x7f") == "del\\x7f");
  CHECK(printable("csi\xc2\x9b" "31m") == "csi\\xc2\\x9b31m");  // U+009B, the 8-bit CSI
  CHECK(printable("bad\xff\xc3") == "bad\\xff\\xc3");            // a stray byte and a cut sequence
  CHECK(printable("\xc0\xaf") == "\\xc0\\xaf");                   // an overlong '/'
  CHECK(printable("\xed\xa0\x80") == "\\xed\\xa0\\x80");          // a UTF-16 surrogate
}

TEST_CASE("an input error's message is one escaped line: file, key and message") {
  const InputError e({"in\x1b]0;x\x07.yaml", 3, 5, "key\x1b[31m"}, "unknown key (got 'v\nalue\x1b[0m')");
  CHECK(std::string(e.what()) == "in\\x1b]0;x\\x07.yaml:3:5: key\\x1b[31m: unknown key (got 'v\\nalue\\x1b[0m')");
  // The parts stay as given, for programs that read them.
  CHECK(e.where().key == "key\x1b[31m");
  CHECK(format_input_error({"f", 0, 0, ""}, "m") == "f: m");
}
