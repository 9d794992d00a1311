#pragma once
// The HTTP/1.1 server of `twinlab serve` (Boost.Beast): keep-alive, limits enforced while reading (header and
// body size, chunked bodies included), a whole-request deadline, a cap on connections, bearer-token auth,
// one log line per request, metrics, and a graceful stop (SIGTERM: stop accepting, finish what is in flight).
//
// Answers of the server itself (before any route runs): 400 malformed HTTP, 401 token missing or wrong,
// 404 no route, 405 wrong method, 408 deadline passed while the request was arriving, 413 body too large,
// 431 header too large, 503 too many connections. Handlers run on the I/O threads: keep them short.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "serve/metrics.hpp"
#include "serve/router.hpp"

namespace twinlab::serve {

struct Limits {
  std::size_t max_body_bytes = 1 << 20;                    // 413 beyond
  std::size_t max_header_bytes = 16 * 1024;                // 431 beyond (request line + headers)
  std::chrono::milliseconds request_deadline{10'000};      // 408: first byte to last byte of one request
  std::chrono::milliseconds idle_timeout{60'000};          // a keep-alive connection idle this long is closed
  std::size_t max_connections = 1024;                      // 503 beyond (then closed)
};

struct ListenAddress {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (Server::port() tells which)
};

// "HOST:PORT", "[IPV6]:PORT" or ":PORT" (loopback). Throws base::InputError (key --listen) when malformed.
ListenAddress parse_listen_address(const std::string& text);
// True for 127.0.0.0/8 and ::1 (only a literal address; a host name is not loopback). Throws like above.
bool is_loopback(const std::string& host);

struct ServerOptions {
  ListenAddress listen;
  int threads = 2;
  Limits limits;
  std::optional<std::string> token;  // when set, every route with needs_token asks for "Bearer <token>"
};

class Server {
 public:
  // Binds and listens at once (so port() is known); throws std::runtime_error when the address is taken.
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const;
  // Serves until stop() (or SIGTERM/SIGINT when handle_signals): the calling thread is one of the I/O threads.
  void run(bool handle_signals);
  // Stops accepting, lets in-flight requests finish, closes idle connections; run() then returns. Thread-safe.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace twinlab::serve
