// `twinlab serve [--models DIR] [--listen HOST:PORT] [--token-file F] [--threads N] [limits]`: the surrogates
// under --models over HTTP/1.1 with the Open Inference Protocol (KServe v2), plus /metrics and /openapi.json.
// Loopback only unless a token file is given. SIGTERM/SIGINT: stop accepting, finish what is in flight, exit 0.
// docs/serve.md describes every route.
#include <chrono>
#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/error.hpp"
#include "scenarios/commands/command.hpp"
#include "scenarios/serve/inference_routes.hpp"
#include "scenarios/serve/model_repository.hpp"
#include "scenarios/serve/openapi.hpp"
#include "serve/http_server.hpp"
#include "serve/token_auth.hpp"
#include "surrogates/torch_runtime.hpp"

namespace twinlab::scenarios {
namespace {

class ServeCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    command.add_option("--models", models_dir_, "Folder of model folders (`twinlab train -o DIR/NAME`), each served as NAME");
    command.add_option("--listen", listen_, "HOST:PORT to listen on (port 0: any free port, printed at start)")
        ->capture_default_str();
    command.add_option("--token-file", token_file_,
                       "File holding the bearer token clients must send (required off loopback)");
    command.add_option("--threads", threads_, "I/O threads answering requests")->check(CLI::Range(1, 256))->capture_default_str();
    command.add_option("--max-body-bytes", limits_.max_body_bytes, "Largest request body (413 beyond)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30))
        ->capture_default_str();
    command.add_option("--max-header-bytes", limits_.max_header_bytes, "Largest request header (431 beyond)")
        ->check(CLI::Range(std::size_t{256}, std::size_t{1} << 20))
        ->capture_default_str();
    command.add_option("--request-timeout-ms", request_timeout_ms_,
                       "Time from a request's first byte to its last before 408 (slow clients cannot hold threads)")
        ->check(CLI::Range(10, 3'600'000))
        ->capture_default_str();
    command.add_option("--idle-timeout-ms", idle_timeout_ms_, "Idle keep-alive connections close after this")
        ->check(CLI::Range(10, 3'600'000))
        ->capture_default_str();
    command.add_option("--max-connections", limits_.max_connections, "Open connections at most (503 beyond)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
        ->capture_default_str();
  }

  int execute() override {
    serve::ServerOptions options;
    options.listen = serve::parse_listen_address(listen_);
    options.threads = threads_;
    options.limits = limits_;
    options.limits.request_deadline = std::chrono::milliseconds(request_timeout_ms_);
    options.limits.idle_timeout = std::chrono::milliseconds(idle_timeout_ms_);
    if (!token_file_.empty()) options.token = serve::read_token_file(token_file_);
    if (!options.token && !serve::is_loopback(options.listen.host))
      throw base::InputError({"--listen", 0, 0, listen_},
                             "listens beyond this machine without a token; give --token-file F (clients send "
                             "Authorization: Bearer TOKEN) or listen on 127.0.0.1");

    ModelRepository repository(models_dir_);  // an empty path serves no model
    repository.load_all();
    // Each request is a small batch: parallelism comes from the I/O threads, not from LibTorch's pool.
    surrogates::set_inference_threads(1);

    serve::Router router;
    serve::Metrics metrics;
    add_inference_routes(router, repository);
    router.add("GET", "/metrics", true, "Prometheus text: requests by route and status, latency histogram, models",
               [&metrics](const serve::Request&) {
                 serve::Response r;
                 r.content_type = "text/plain; version=0.0.4";
                 r.body = metrics.prometheus_text();
                 return r;
               });
    metrics.add_gauge("twinlab_models_loaded", "Surrogates loaded and served.",
                      [&repository] { return static_cast<double>(repository.size()); });
    router.add("GET", "/openapi.json", true, "This description (OpenAPI 3.0)", [&router](const serve::Request&) {
      serve::Response r;
      r.body = openapi_json(router);
      return r;
    });

    serve::Server server(options, router, metrics);
    std::cout << fmt::format("twinlab serve: listening on http://{}:{} ({} model{}{})", 
                             options.listen.host.find(':') != std::string::npos ? "[" + options.listen.host + "]" : options.listen.host,
                             server.port(), repository.size(), repository.size() == 1 ? "" : "s",
                             options.token ? ", bearer token required" : "")
              << std::endl;
    server.run(/*handle_signals=*/true);
    spdlog::info("serve: stopped");
    return 0;
  }

 private:
  std::string models_dir_, listen_ = "127.0.0.1:8080", token_file_;
  int threads_ = 2;
  serve::Limits limits_;
  int request_timeout_ms_ = 10'000, idle_timeout_ms_ = 60'000;
};

}  // namespace

std::unique_ptr<Command> make_serve_command() { return std::make_unique<ServeCommand>(); }

}  // namespace twinlab::scenarios
