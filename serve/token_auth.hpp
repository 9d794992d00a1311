#pragma once
// Bearer-token authentication of `twinlab serve`: the token is read from a file (never from the command line,
// where `ps` shows it) and compared in constant time, so the time of a refusal does not tell how much of a
// guessed token was right.
#include <filesystem>
#include <string>
#include <string_view>

namespace twinlab::serve {

// True when a and b are equal; the time taken depends only on the lengths, never on where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// True when the Authorization header value is "Bearer <token>" (scheme case-insensitive, RFC 7235).
bool bearer_matches(std::string_view authorization, std::string_view token);

// The token of a token file: its text without surrounding white space. Throws base::InputError (naming the
// file) when it cannot be read, is empty, is longer than 4096 bytes, or holds white space inside.
std::string read_token_file(const std::filesystem::path& path);

}  // namespace twinlab::serve
