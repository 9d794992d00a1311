// serve/token_auth: constant-time comparison, the Bearer header, the token file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "base/error.hpp"
#include "serve/token_auth.hpp"

using namespace twinlab::serve;

TEST_CASE("constant_time_equal is equality, lengths included") {
  CHECK(constant_time_equal("abc", "abc"));
  CHECK(constant_time_equal("", ""));
  CHECK_FALSE(constant_time_equal("abc", "abd"));
  CHECK_FALSE(constant_time_equal("abc", "ab"));      // a prefix is not the token
  CHECK_FALSE(constant_time_equal("ab", "abc"));
  CHECK_FALSE(constant_time_equal(std::string("a\0c", 3), "a"));  // an embedded NUL does not end the comparison
}

TEST_CASE("bearer_matches accepts only 'Bearer <token>'") {
  CHECK(bearer_matches("Bearer s3cret", "s3cret"));
  CHECK(bearer_matches("bearer s3cret", "s3cret"));  // the scheme is case-insensitive (RFC 7235)
  CHECK_FALSE(bearer_matches("Bearer S3cret", "s3cret"));  // the token is not
  CHECK_FALSE(bearer_matches("s3cret", "s3cret"));
  CHECK_FALSE(bearer_matches("Basic s3cret", "s3cret"));
  CHECK_FALSE(bearer_matches("Bearer ", "s3cret"));
  CHECK_FALSE(bearer_matches("Bearer s3cret2", "s3cret"));
  CHECK_FALSE(bearer_matches("Bearer ", ""));  // an empty token never matches
}

TEST_CASE("read_token_file trims the line and refuses empty or spaced tokens") {
  const auto dir = std::filesystem::temp_directory_path() / ("twinlab_token_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto write = [&](const std::string& text) {
    std::ofstream(dir / "t", std::ios::binary) << text;
    return dir / "t";
  };
  CHECK(read_token_file(write("  abc123\n")) == "abc123");
  CHECK_THROWS_AS(read_token_file(write("\n \n")), twinlab::base::InputError);
  CHECK_THROWS_AS(read_token_file(write("two words\n")), twinlab::base::InputError);
  CHECK_THROWS_AS(read_token_file(dir / "missing"), twinlab::base::InputError);
  CHECK_THROWS_AS(read_token_file(dir), twinlab::base::InputError);  // a directory
  std::filesystem::remove_all(dir);
}
