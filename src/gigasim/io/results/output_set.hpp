// A run's outputs as one set (docs/robustness.md, "Outputs"): written into a fresh, private
// folder beside the destination and renamed into place when complete, so that a reader sees
// the whole set or none of it, an interrupted run leaves nothing, and a re-run never mixes
// two runs' files.
#pragma once

#include <atomic>
#include <filesystem>

namespace gigasim::io {

/// The file that marks a folder as a complete gigasim output set, written last.
inline constexpr const char* kManifestFile = ".gigasim-output.json";

class OutputSet {
 public:
  /// Prepares to write into `destination` (created with its parents; it must be missing, an
  /// empty folder or an earlier output set). Removes the temporary folders that runs which
  /// died left beside it, then creates a new one, exclusively and private (a link or a folder
  /// planted under a guessable name cannot redirect the writes). `stop`, if given, is a flag
  /// a signal handler sets: check() then throws core::Interrupted.
  explicit OutputSet(std::filesystem::path destination, const std::atomic<bool>* stop = nullptr);
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  /// Where to write the set's files until it is committed.
  [[nodiscard]] const std::filesystem::path& dir() const { return temporary_; }
  /// Throws core::Interrupted if a stop was asked for.
  void check() const;
  /// Writes the manifest, then puts the set in place of the destination in one rename
  /// (the earlier set, if any, is removed after). Failures raise core::IoError.
  void commit();

 private:
  std::filesystem::path destination_;
  std::filesystem::path temporary_;
  const std::atomic<bool>* stop_;
  bool committed_ = false;
};

/// Whether `dir` may be replaced by an output set: it is missing, empty, or holds only files
/// a gigasim run writes (a manifest, or the files of a run older than manifests).
bool replaceable_output_folder(const std::filesystem::path& dir);

}  // namespace gigasim::io
