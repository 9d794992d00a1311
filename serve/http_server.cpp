#include "serve/http_server.hpp"

#include <atomic>
#include <csignal>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/error.hpp"
#include "serve/token_auth.hpp"

namespace twinlab::serve {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

ListenAddress parse_listen_address(const std::string& text) {
  const base::InputLocation where{"--listen", 0, 0, text};
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) throw base::InputError(where, "must be HOST:PORT, e.g. 127.0.0.1:8080 (port 0: any free port)");
  ListenAddress a;
  a.host = text.substr(0, colon);
  if (a.host.size() >= 2 && a.host.front() == '[' && a.host.back() == ']') a.host = a.host.substr(1, a.host.size() - 2);
  if (a.host.empty()) a.host = "127.0.0.1";
  if (a.host == "localhost") a.host = "127.0.0.1";
  const std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) > 65535)
    throw base::InputError(where, "the port must be a whole number from 0 to 65535 (0: any free port)");
  a.port = static_cast<std::uint16_t>(std::stoul(port));
  (void)is_loopback(a.host);  // checks the address
  return a;
}

bool is_loopback(const std::string& host) {
  boost::system::error_code ec;
  const asio::ip::address address = asio::ip::make_address(host, ec);
  if (ec) throw base::InputError({"--listen", 0, 0, host}, "is not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1)");
  return address.is_loopback();
}

namespace {

class Session;

struct Shared {
  const Router& router;
  Metrics& metrics;
  ServerOptions options;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> connections{0};
  std::mutex sessions_mutex;
  std::map<const Session*, std::weak_ptr<Session>> sessions;
  std::function<void()> on_last_connection_closed;
  // Last: destroyed first, while the members above still exist for the handlers it destroys.
  asio::io_context ioc;

  Shared(const Router& r, Metrics& m, ServerOptions o) : router(r), metrics(m), options(std::move(o)), ioc(options.threads) {}
};

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Shared& shared, bool reject)
      : stream_(std::move(socket)), timer_(stream_.get_executor()), shared_(shared), reject_(reject) {}

  ~Session() {
    {
      std::lock_guard lock(shared_.sessions_mutex);
      shared_.sessions.erase(this);
    }
    shared_.metrics.connection_closed();
    if (--shared_.connections == 0 && shared_.stopping && shared_.on_last_connection_closed)
      shared_.on_last_connection_closed();
  }

  void start() {
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::begin, shared_from_this()));
  }

  // The server stops: an idle connection closes now, a busy one after its answer.
  void on_stop() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->handling_ && !self->request_started_) self->close();
    });
  }

 private:
  void begin() {
    if (reject_) {
      request_started_ = true;
      refuse(503, fmt::format("too many connections (the limit is {}, --max-connections); retry later",
                              shared_.options.limits.max_connections), "connection");
      return;
    }
    next_request();
  }

  void next_request() {
    if (shared_.stopping) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(shared_.options.limits.max_header_bytes, UINT32_MAX)));
    parser_->body_limit(shared_.options.limits.max_body_bytes);
    parser_->eager(true);
    request_started_ = timed_out_ = continue_sent_ = need_more_ = false;
    if (buffer_.size() > 0) {  // the next request's first bytes came with the last one
      request_started_ = true;
      arm(shared_.options.limits.request_deadline);
    } else {
      arm(shared_.options.limits.idle_timeout);
    }
    read_some();
  }

  void arm(std::chrono::milliseconds after) {
    timer_.expires_after(after);
    timer_.async_wait(beast::bind_front_handler(&Session::on_timer, shared_from_this()));
  }

  void on_timer(beast::error_code ec) {
    if (ec == asio::error::operation_aborted || closed_ || handling_) return;
    if (timer_.expiry() > Clock::now()) return;  // a wait that was re-armed after it had already fired
    timed_out_ = true;
    boost::system::error_code ignored;
    stream_.socket().cancel(ignored);
  }

  // Reading is done by hand (socket reads, then the parser fed from the buffer) rather than with
  // http::async_read_some, which keeps reading until a whole header is there: the deadline must start at a
  // request's first byte, and a slow header is exactly what it has to catch.
  void read_some() {
    if (buffer_.size() > 0 && !need_more_) return parse();  // pipelined bytes of the next request
    stream_.async_read_some(buffer_.prepare(16384), beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t bytes) {
    if (closed_) return;
    buffer_.commit(bytes);
    if (bytes > 0) need_more_ = false;
    if (!request_started_ && buffer_.size() > 0) {
      request_started_ = true;
      arm(shared_.options.limits.request_deadline);
    }
    if (timed_out_) {
      if (request_started_)
        return refuse(408, fmt::format("the request did not arrive whole within {} ms (--request-timeout-ms)",
                                       shared_.options.limits.request_deadline.count()));
      return close();
    }
    if (ec && buffer_.size() == 0) return close();  // end of stream, reset, cancelled: nothing more to answer
    if (ec == asio::error::eof) {
      if (request_started_) return refuse(400, "the request ended before it was complete");
      return close();
    }
    if (ec) return close();
    parse();
  }

  void parse() {
    const Limits& limits = shared_.options.limits;
    for (;;) {
      beast::error_code ec;
      const std::size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec == http::error::need_more) {
        need_more_ = true;
        break;
      }
      if (ec == http::error::body_limit)
        return refuse(413, fmt::format("the request body is larger than the limit of {} bytes (--max-body-bytes)", limits.max_body_bytes));
      if (ec == http::error::header_limit)
        return refuse(431, fmt::format("the request header is larger than the limit of {} bytes (--max-header-bytes)", limits.max_header_bytes));
      if (ec) return refuse(400, "malformed HTTP request: " + ec.message());
      if (parser_->is_done()) return handle();
      if (used == 0 || buffer_.size() == 0) {
        need_more_ = true;
        break;
      }
    }
    if (!request_started_ && parser_->got_some()) {
      request_started_ = true;
      arm(limits.request_deadline);
    }
    if (parser_->is_header_done() && !continue_sent_) {
      continue_sent_ = true;
      if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
        asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                          [self = shared_from_this()](beast::error_code wec, std::size_t) {
                            if (wec) return self->close();
                            self->read_some();
                          });
        return;
      }
    }
    read_some();
  }

  void handle() {
    handling_ = true;
    timer_.cancel();
    const auto t0 = Clock::now();
    http::request<http::string_body>& req = parser_->get();
    Request request;
    request.method = std::string(req.method_string());
    const std::string_view target(req.target().data(), req.target().size());
    const auto q = target.find('?');
    request.path = std::string(target.substr(0, q));
    if (q != std::string_view::npos) request.query = std::string(target.substr(q + 1));
    request.body = std::move(req.body());

    const Router::Match match = shared_.router.match(request.method, request.path);
    Response response;
    std::string route = "unmatched";
    if (!match.route) {
      response = match.path_known ? error_response(405, "method " + request.method + " is not allowed on " + request.path)
                                  : error_response(404, "no route " + request.path + " (GET /openapi.json lists them)");
    } else {
      route = match.route->pattern;
      const auto& token = shared_.options.token;
      if (token && match.route->needs_token) {
        const auto auth = req[http::field::authorization];
        if (!bearer_matches(std::string_view(auth.data(), auth.size()), *token)) {
          response = error_response(401, auth.empty() ? "missing bearer token (Authorization: Bearer TOKEN)" : "wrong bearer token");
          response.headers.emplace_back("WWW-Authenticate", "Bearer");
        }
      }
      if (response.status != 401) {
        request.params = match.params;
        try {
          response = match.route->handler(request);
        } catch (const std::exception& e) {
          response = error_response(500, std::string("internal error: ") + e.what());
          spdlog::error("{} {}: {}", request.method, base::printable(request.path), e.what());
        }
      }
    }
    const bool keep_alive = req.keep_alive() && !shared_.stopping;
    send(std::move(response), keep_alive, request.method, std::string(target), route, t0);
  }

  void send(Response r, bool keep_alive, std::string method, std::string target, std::string route, Clock::time_point t0) {
    response_ = {};
    response_.version(11);
    response_.result(static_cast<unsigned>(r.status));
    response_.set(http::field::content_type, r.content_type);
    for (const auto& [k, v] : r.headers) response_.set(k, v);
    response_.keep_alive(keep_alive);
    response_.body() = std::move(r.body);
    response_.prepare_payload();
    // A client that does not read its answer cannot hold the connection longer than the deadline.
    stream_.expires_after(shared_.options.limits.request_deadline);
    http::async_write(stream_, response_,
                      [self = shared_from_this(), keep_alive, status = r.status, method = std::move(method),
                       target = std::move(target), route = std::move(route), t0](beast::error_code ec, std::size_t) {
                        self->stream_.expires_never();
                        const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
                        self->shared_.metrics.record(route, method, status, seconds);
                        if (spdlog::should_log(spdlog::level::info))
                          spdlog::info("{} {} {} {:.3f} ms", method, base::printable(target), status, seconds * 1e3);
                        if (ec) return self->close();
                        if (!keep_alive) return self->linger_close();
                        self->handling_ = false;
                        self->next_request();
                      });
  }

  // An answer the server gives on its own (408, 413, 431, 400, 503): then the connection closes.
  void refuse(int status, const std::string& message, std::string route = "unmatched") {
    handling_ = true;
    timer_.cancel();
    std::string method = "-", target = "-";
    if (parser_ && parser_->is_header_done()) {
      method = std::string(parser_->get().method_string());
      target = std::string(parser_->get().target());
    }
    send(error_response(status, message), false, method, target, route, Clock::now());
  }

  // Closing with unread request bytes makes the kernel reset the connection, and the client may lose the
  // answer: shut down sending, then read and discard for up to a second before closing.
  void linger_close() {
    boost::system::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(1));
    drain();
  }

  void drain() {
    stream_.async_read_some(asio::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      self->drain();
    });
  }

  void close() {
    if (closed_) return;
    closed_ = true;
    timer_.cancel();
    boost::system::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  asio::steady_timer timer_;
  Shared& shared_;
  bool reject_ = false;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  std::array<char, 16384> scratch_{};
  bool request_started_ = false, timed_out_ = false, continue_sent_ = false, handling_ = false, closed_ = false;
  bool need_more_ = false;  // the buffer holds only part of what the parser needs next
};

}  // namespace

struct Server::Impl {
  Shared shared;
  tcp::acceptor acceptor;
  asio::steady_timer grace;
  asio::signal_set signals;

  Impl(ServerOptions options, const Router& router, Metrics& metrics)
      : shared(router, metrics, std::move(options)),
        acceptor(asio::make_strand(shared.ioc)),
        grace(acceptor.get_executor()),
        signals(acceptor.get_executor()) {
    const tcp::endpoint endpoint(asio::ip::make_address(shared.options.listen.host), shared.options.listen.port);
    boost::system::error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
      throw std::runtime_error(fmt::format("cannot listen on {}:{}: {}", shared.options.listen.host,
                                           shared.options.listen.port, ec.message()));
    shared.on_last_connection_closed = [this] {
      asio::post(acceptor.get_executor(), [this] { grace.cancel(); });
    };
  }

  ~Impl() { shared.on_last_connection_closed = nullptr; }

  void accept() {
    acceptor.async_accept(asio::make_strand(shared.ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      if (!ec) {
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        const bool reject = shared.connections.load() >= shared.options.limits.max_connections;
        ++shared.connections;
        shared.metrics.connection_opened();
        auto session = std::make_shared<Session>(std::move(socket), shared, reject);
        {
          std::lock_guard lock(shared.sessions_mutex);
          shared.sessions.emplace(session.get(), session);
        }
        session->start();
      }
      accept();
    });
  }

  void stop() {
    asio::post(acceptor.get_executor(), [this] {
      if (shared.stopping.exchange(true)) return;
      spdlog::info("serve: stopping: no new connections; finishing requests in flight");
      boost::system::error_code ec;
      acceptor.close(ec);
      signals.cancel(ec);
      std::vector<std::shared_ptr<Session>> live;
      {
        std::lock_guard lock(shared.sessions_mutex);
        for (auto& [p, w] : shared.sessions)
          if (auto s = w.lock()) live.push_back(std::move(s));
      }
      for (auto& s : live) s->on_stop();
      if (shared.connections.load() == 0) return;
      // In-flight requests get the request deadline to finish; then the I/O threads stop regardless.
      grace.expires_after(shared.options.limits.request_deadline + std::chrono::seconds(1));
      grace.async_wait([this](beast::error_code wec) {
        if (!wec) shared.ioc.stop();
      });
    });
  }
};

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() = default;

std::uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::run(bool handle_signals) {
  if (handle_signals) {
    impl_->signals.add(SIGTERM);
    impl_->signals.add(SIGINT);
    impl_->signals.async_wait([this](beast::error_code ec, int signal) {
      if (ec) return;
      spdlog::info("serve: {} received", signal == SIGTERM ? "SIGTERM" : "SIGINT");
      stop();
    });
  }
  impl_->accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->shared.options.threads; ++i) threads.emplace_back([this] { impl_->shared.ioc.run(); });
  impl_->shared.ioc.run();
  for (auto& t : threads) t.join();
}

void Server::stop() { impl_->stop(); }

}  // namespace twinlab::serve
