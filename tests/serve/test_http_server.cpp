// serve/http_server: limits enforced while reading (413 with and without chunked encoding, 431, 408), the
// bearer token (401; health routes open), keep-alive, the connection cap (503) and a graceful stop. The server
// runs in this process on a free port (port 0), so the tests can run beside others.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include <boost/asio.hpp>

#include "serve/http_server.hpp"

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace twinlab::serve;
using namespace std::chrono_literals;

namespace {

struct TestServer {
  Router router;
  Metrics metrics;
  std::unique_ptr<Server> server;
  std::thread thread;

  explicit TestServer(Limits limits) {
    router.add("POST", "/echo", true, "echo", [](const Request& r) {
      Response out;
      out.content_type = "text/plain";
      out.body = std::to_string(r.body.size());
      return out;
    });
    router.add("GET", "/open/{name}", false, "open", [](const Request& r) {
      Response out;
      out.body = "{\"name\":\"" + r.params.at("name") + "\"}";
      return out;
    });
    ServerOptions options;
    options.listen = {"127.0.0.1", 0};
    options.threads = 2;
    options.limits = limits;
    options.token = "s3cret";
    server = std::make_unique<Server>(options, router, metrics);
    thread = std::thread([this] { server->run(false); });
  }
  ~TestServer() {
    server->stop();
    thread.join();
  }
};

Limits small_limits() {
  Limits l;
  l.max_body_bytes = 1000;
  l.max_header_bytes = 1024;
  l.request_deadline = 400ms;
  l.idle_timeout = 5s;
  l.max_connections = 8;
  return l;
}

// Reads what the server sends until it closes (or until `until` appears), at most 5 s.
std::string read_reply(tcp::socket& s, const std::string& until = "") {
  std::string got;
  const auto end = std::chrono::steady_clock::now() + 5s;
  s.non_blocking(true);
  while (std::chrono::steady_clock::now() < end) {
    char buf[4096];
    boost::system::error_code ec;
    const std::size_t n = s.read_some(asio::buffer(buf), ec);
    if (ec == asio::error::would_block) {
      std::this_thread::sleep_for(2ms);
      continue;
    }
    if (ec) break;
    got.append(buf, n);
    if (!until.empty() && got.find(until) != std::string::npos) break;
  }
  return got;
}

tcp::socket open_connection(asio::io_context& io, std::uint16_t port) {
  tcp::socket s(io);
  s.connect({asio::ip::make_address("127.0.0.1"), port});
  return s;
}

std::string talk(std::uint16_t port, const std::string& request, const std::string& until = "") {
  asio::io_context io;
  tcp::socket s = open_connection(io, port);
  boost::system::error_code ec;
  asio::write(s, asio::buffer(request), ec);  // the server may close early (413): what it answered still counts
  return read_reply(s, until);
}

std::string post(const std::string& body, const std::string& auth = "Authorization: Bearer s3cret\r\n") {
  return "POST /echo HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("the bearer token is asked for, except on open routes") {
  TestServer t(small_limits());
  const auto port = t.server->port();
  CHECK_THAT(talk(port, post("hello")), Catch::StartsWith("HTTP/1.1 200") && Catch::EndsWith("5"));
  CHECK_THAT(talk(port, post("hello", "")), Catch::StartsWith("HTTP/1.1 401") && Catch::Contains("missing bearer token"));
  CHECK_THAT(talk(port, post("hello", "Authorization: Bearer s3cre\r\n")),
             Catch::StartsWith("HTTP/1.1 401") && Catch::Contains("wrong bearer token"));
  CHECK_THAT(talk(port, "GET /open/abc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
             Catch::StartsWith("HTTP/1.1 200") && Catch::Contains("{\"name\":\"abc\"}"));
  CHECK_THAT(talk(port, "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), Catch::StartsWith("HTTP/1.1 404"));
  CHECK_THAT(talk(port, "GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), Catch::StartsWith("HTTP/1.1 405"));
}

TEST_CASE("a body over the limit is refused with 413, with Content-Length or chunked") {
  TestServer t(small_limits());
  const auto port = t.server->port();
  CHECK_THAT(talk(port, post(std::string(1000, 'a'))), Catch::StartsWith("HTTP/1.1 200") && Catch::EndsWith("1000"));
  CHECK_THAT(talk(port, post(std::string(1001, 'a'))), Catch::StartsWith("HTTP/1.1 413"));
  // Chunked: each chunk is small, the sum is not; the limit counts the whole body.
  std::string chunked = "POST /echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) chunked += "64\r\n" + std::string(100, 'b') + "\r\n";  // 20 x 100 bytes
  chunked += "0\r\n\r\n";
  CHECK_THAT(talk(port, chunked), Catch::StartsWith("HTTP/1.1 413"));
  std::string small = "POST /echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\nTransfer-Encoding: chunked\r\n"
                      "Connection: close\r\n\r\n";
  for (int i = 0; i < 5; ++i) small += "64\r\n" + std::string(100, 'b') + "\r\n";
  small += "0\r\n\r\n";
  CHECK_THAT(talk(port, small), Catch::StartsWith("HTTP/1.1 200") && Catch::EndsWith("500"));
}

TEST_CASE("a header over the limit is refused with 431") {
  TestServer t(small_limits());
  const std::string big = "GET /open/a HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(2000, 'p') + "\r\n\r\n";
  CHECK_THAT(talk(t.server->port(), big), Catch::StartsWith("HTTP/1.1 431"));
}

TEST_CASE("a request still arriving at the deadline gets 408, a normal one meanwhile is answered at once") {
  TestServer t(small_limits());
  const auto port = t.server->port();
  asio::io_context io;
  tcp::socket slow = open_connection(io, port);
  asio::write(slow, asio::buffer(std::string("GET /open/a HTTP/1.1\r\nHo")));
  const auto t0 = std::chrono::steady_clock::now();
  CHECK_THAT(talk(port, "GET /open/b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), Catch::StartsWith("HTTP/1.1 200"));
  // Tolerance: the normal request is answered well before the 400 ms deadline (it never waits on the slow one).
  CHECK(std::chrono::steady_clock::now() - t0 < 300ms);
  const std::string reply = read_reply(slow);
  CHECK_THAT(reply, Catch::StartsWith("HTTP/1.1 408"));
  const auto waited = std::chrono::steady_clock::now() - t0;
  CHECK(waited >= 350ms);  // not before the deadline (400 ms from the first byte, less the write above)
  CHECK(waited < 2s);
}

TEST_CASE("an idle connection is closed without an answer after the idle timeout") {
  Limits l = small_limits();
  l.idle_timeout = 200ms;
  TestServer t(l);
  asio::io_context io;
  tcp::socket idle = open_connection(io, t.server->port());
  const auto t0 = std::chrono::steady_clock::now();
  CHECK(read_reply(idle).empty());
  CHECK(std::chrono::steady_clock::now() - t0 < 2s);
}

TEST_CASE("keep-alive: two requests on one connection") {
  TestServer t(small_limits());
  asio::io_context io;
  tcp::socket s = open_connection(io, t.server->port());
  asio::write(s, asio::buffer(std::string("GET /open/one HTTP/1.1\r\nHost: x\r\n\r\n")));
  CHECK_THAT(read_reply(s, "\"one\"}"), Catch::StartsWith("HTTP/1.1 200"));
  asio::write(s, asio::buffer(std::string("GET /open/two HTTP/1.1\r\nHost: x\r\n\r\n")));
  CHECK_THAT(read_reply(s, "\"two\"}"), Catch::StartsWith("HTTP/1.1 200") && Catch::Contains("\"two\""));
}

TEST_CASE("connections beyond the cap are answered 503, the others keep working") {
  TestServer t(small_limits());  // max 8
  asio::io_context io;
  std::vector<tcp::socket> held;
  for (int i = 0; i < 8; ++i) held.push_back(open_connection(io, t.server->port()));
  std::this_thread::sleep_for(100ms);  // accepted
  CHECK_THAT(talk(t.server->port(), "GET /open/a HTTP/1.1\r\nHost: x\r\n\r\n"), Catch::StartsWith("HTTP/1.1 503"));
  asio::write(held[0], asio::buffer(std::string("GET /open/held HTTP/1.1\r\nHost: x\r\n\r\n")));
  CHECK_THAT(read_reply(held[0], "\"held\"}"), Catch::StartsWith("HTTP/1.1 200"));
}

TEST_CASE("metrics count requests by route and status") {
  TestServer t(small_limits());
  talk(t.server->port(), "GET /open/a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  talk(t.server->port(), post("x", ""));
  std::this_thread::sleep_for(50ms);  // recorded after the write completes
  const std::string text = t.metrics.prometheus_text();
  CHECK_THAT(text, Catch::Contains("twinlab_http_requests_total{route=\"/open/{name}\",method=\"GET\",status=\"200\"} 1"));
  CHECK_THAT(text, Catch::Contains("twinlab_http_requests_total{route=\"/echo\",method=\"POST\",status=\"401\"} 1"));
  CHECK_THAT(text, Catch::Contains("twinlab_http_request_duration_seconds_count 2"));
}

TEST_CASE("stop() closes idle connections and run() returns") {
  auto t = std::make_unique<TestServer>(small_limits());
  asio::io_context io;
  tcp::socket idle = open_connection(io, t->server->port());
  std::this_thread::sleep_for(50ms);
  const auto t0 = std::chrono::steady_clock::now();
  t.reset();  // stop() + join
  CHECK(std::chrono::steady_clock::now() - t0 < 1s);  // well before the 5 s idle timeout
}
TEST_CASE("listen addresses") {
  CHECK(parse_listen_address("127.0.0.1:0").port == 0);
  CHECK(parse_listen_address("[::1]:8080").host == "::1");
  CHECK(parse_listen_address(":9000").host == "127.0.0.1");
  CHECK(is_loopback("127.0.0.1"));
  CHECK(is_loopback("::1"));
  CHECK_FALSE(is_loopback("0.0.0.0"));
  CHECK_THROWS(parse_listen_address("127.0.0.1"));
  CHECK_THROWS(parse_listen_address("127.0.0.1:70000"));
  CHECK_THROWS(parse_listen_address("example.com:80"));
}
