// viz/pvd_series: ParaView collections, parsed back as text.
#include "viz/pvd_series.hpp"

#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <cstring>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>

#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
namespace viz = twinlab::viz;
namespace test = twinlab::test;

namespace {

struct Scratch : test::ScratchDir {
  explicit Scratch(const std::string& name) : ScratchDir("pvd", name) {}
};

struct Parsed {
  double time;
  int part;
  std::string file;
};

std::string unescape(std::string s) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1))
      s.replace(at, std::strlen(from), to);
  }
  return s;
}

std::vector<Parsed> parse(const std::string& text) {
  std::vector<Parsed> out;
  const std::regex dataset(R"re(<DataSet timestep="([^"]*)" group="" part="([0-9]+)" file="([^"]*)"/>)re");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), dataset); it != std::sregex_iterator(); ++it) {
    Parsed p{};
    const std::string t = (*it)[1];
    std::from_chars(t.data(), t.data() + t.size(), p.time);
    p.part = std::stoi((*it)[2]);
    p.file = unescape((*it)[3]);
    out.push_back(p);
  }
  return out;
}

}  // namespace

TEST_CASE("pvd_series: entries come back in order with exact times and file names", "[viz][pvd]") {
  const std::vector<viz::PvdEntry> entries{{0.0, "fields/c_0000.vti", 0},
                                           {0.1, "fields/c_0001.vti", 0},
                                           {1.0 / 3.0, "fields/c_0002.vti", 0},
                                           {1.0 / 3.0, "fields/c_0002_b.vti", 1},
                                           {3600.0, "odd & \"quoted\" <name>.vti", 0}};
  const std::string text = viz::pvd_text(entries);
  INFO(text);
  CHECK(text.rfind("<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\"", 0) == 0);
  CHECK_THAT(text, Catch::EndsWith("  </Collection>\n</VTKFile>\n"));
  const auto parsed = parse(text);
  REQUIRE(parsed.size() == entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    CAPTURE(i);
    CHECK(parsed[i].time == entries[i].time_s);  // shortest round-trip text: bit-exact
    CHECK(parsed[i].part == entries[i].part);
    CHECK(parsed[i].file == entries[i].file);
  }
  CHECK_THAT(text, Catch::Contains("timestep=\"0.1\""));
  CHECK_THAT(text, Catch::Contains("odd &amp; &quot;quoted&quot; &lt;name&gt;.vti"));
  CHECK(parse(viz::pvd_text({})).empty());
}

TEST_CASE("pvd_series: invalid entries are rejected", "[viz][pvd]") {
  CHECK_THROWS_WITH(viz::pvd_text({{std::nan(""), "a.vti", 0}}), Catch::Contains("entry 0: time is not finite"));
  CHECK_THROWS_WITH(viz::pvd_text({{0.0, "a.vti", 0}, {1.0, "", 0}}), Catch::Contains("entry 1: file name is empty"));
  CHECK_THROWS_WITH(viz::pvd_text({{0.0, "/abs/a.vti", 0}}), Catch::Contains("must be relative"));
  CHECK_THROWS_AS(viz::pvd_text({{0.0, "a.vti", -1}}), std::invalid_argument);
}

TEST_CASE("pvd_series: the file is written atomically and is well-formed XML", "[viz][pvd]") {
  Scratch s("write");
  const fs::path file = s.dir / "concentration.pvd";
  const std::vector<viz::PvdEntry> entries{{0.0, "c_0.vti", 0}, {60.0, "c_1.vti", 0}};
  viz::write_pvd(entries, file);
  CHECK(test::slurp(file) == viz::pvd_text(entries));
  viz::write_pvd({{0.0, "only.vti", 0}}, file);  // replaced whole
  CHECK(parse(test::slurp(file)).size() == 1);
  CHECK(s.entries() == std::set<std::string>{"concentration.pvd"});

  CHECK_THROWS_WITH(viz::write_pvd(entries, s.dir / "missing" / "c.pvd"), Catch::Contains("does not exist"));
  CHECK(parse(test::slurp(file)).size() == 1);  // the earlier file is untouched
  CHECK(s.entries() == std::set<std::string>{"concentration.pvd"});

  // An XML parser (Python's, as any ParaView-side tool would use one) accepts the escaped text.
  if (!test::system_python_imports("xml.etree.ElementTree")) {
    test::skip("no /usr/bin/python3");
    return;
  }
  viz::write_pvd({{1.5, "a & b.vti", 2}}, file);
  const std::string command =
      test::system_python +
      " -c \"import sys, xml.etree.ElementTree as E; "
      "d = E.parse(sys.argv[1]).getroot().find('Collection').find('DataSet'); "
      "assert d.get('file') == 'a & b.vti' and d.get('timestep') == '1.5' and "
      "d.get('part') == '2', d.attrib\" " +
      file.string();
  CHECK(test::run_shell(command) == 0);
}
