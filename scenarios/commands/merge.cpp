// `twinlab merge SHARD_DIR... -o OUT`: joins the shards of one sweep (`sweep --shard i/N`, e.g. a batch job
// array) into one study.h5 and study.csv, after checking that every shard belongs to the same study, that
// shards 1..N are all there once, and that each is complete.
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/output_directory.hpp"
#include "io/hdf5_writer.hpp"
#include "scenarios/commands/command.hpp"
#include "scenarios/study/journal.hpp"
#include "scenarios/study/study_table.hpp"

namespace twinlab::scenarios {
namespace {

namespace fs = std::filesystem;

class MergeCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    command.add_option("shards", shard_dirs_, "The shards' output directories (sweep --shard i/N -o DIR)")
        ->required();
    command.add_option("-o,--output", output_dir_, "Where the merged study.h5 and study.csv go")->required();
    command.add_flag("--overwrite", overwrite_, "Write into an existing directory twinlab did not write");
  }

  int execute() override {
    std::vector<Journal> journals;
    for (const auto& dir : shard_dirs_) {
      const fs::path path = fs::path(dir) / "journal.jsonl";
      if (!fs::exists(path)) throw base::InputError({dir, 0, 0, ""}, "holds no sweep journal (journal.jsonl)");
      journals.push_back(Journal::open(path, false));
    }
    const JournalHeader& first = journals.front().header();
    std::map<int, std::string> seen;  // shard index -> its directory
    std::vector<RunRecord> records;
    JournalOutputs outputs;
    for (std::size_t s = 0; s < journals.size(); ++s) {
      const JournalHeader& h = journals[s].header();
      const std::string& dir = shard_dirs_[s];
      if (h.study_hash != first.study_hash)
        throw base::InputError({dir, 0, 0, ""}, fmt::format("is a shard of study '{}' ({}), not of '{}' ({}) in {}",
                                                            h.study_name, h.study_hash.substr(0, 12), first.study_name,
                                                            first.study_hash.substr(0, 12), shard_dirs_.front()));
      if (h.shard_count != first.shard_count)
        throw base::InputError({dir, 0, 0, ""}, fmt::format("is shard {}/{}, but {} is of {} shards", h.shard_index,
                                                            h.shard_count, shard_dirs_.front(), first.shard_count));
      if (!seen.emplace(h.shard_index, dir).second)
        throw base::InputError({dir, 0, 0, ""}, fmt::format("is shard {}/{} again (also {})", h.shard_index,
                                                            h.shard_count, seen[h.shard_index]));
      const StudyTable share = study_table(h, journals[s].outputs(), journals[s].records());
      std::size_t missing = 0;
      for (const auto* row : share.rows) missing += row ? 0 : 1;
      if (missing > 0)
        throw base::InputError({dir, 0, 0, ""}, fmt::format("shard {}/{} is incomplete ({} of {} runs missing); "
                                                            "finish it with sweep --resume --shard {}/{}",
                                                            h.shard_index, h.shard_count, missing, share.runs.size(),
                                                            h.shard_index, h.shard_count));
      if (!outputs.known()) outputs = journals[s].outputs();
      records.insert(records.end(), journals[s].records().begin(), journals[s].records().end());
    }
    for (int i = 1; i <= first.shard_count; ++i)
      if (!seen.count(i))
        throw base::InputError({"merge", 0, 0, ""}, fmt::format("shard {}/{} is missing: give the directory of every "
                                                                "shard", i, first.shard_count));
    JournalHeader whole = first;
    whole.shard_index = whole.shard_count = 1;
    const StudyTable table = study_table(whole, outputs, records);

    const std::string problem = base::output_target_problem(output_dir_, overwrite_);
    if (!problem.empty()) throw base::InputError({"-o", 0, 0, output_dir_}, problem);
    base::StagingDirectory staging(output_dir_, overwrite_);
    io::write_hdf5(study_dataset(table), staging.path() / "study.h5");
    base::write_text_atomic(staging.path() / "study.csv", study_csv(table));
    staging.commit();
    std::cout << fmt::format("merged {} shards of study {}: {} runs in {}\n", journals.size(), first.study_name,
                             table.runs.size(), (fs::path(output_dir_) / "study.h5").string());
    return 0;
  }

 private:
  std::vector<std::string> shard_dirs_;
  std::string output_dir_;
  bool overwrite_ = false;
};

}  // namespace

std::unique_ptr<Command> make_merge_command() { return std::make_unique<MergeCommand>(); }

}  // namespace twinlab::scenarios
