// The seed corpus the classifiers learn from before any moderator confirmed
// an example: the files of data/training/, compiled into the program (see
// data/training/README.md for the format and how it was written).
#pragma once

#include <string_view>
#include <vector>

namespace smsdesk::learn {

struct SeedFile {
  std::string_view lang;  // the file's name: ar, ar-Latn, en, fr, fa, uk, es
  std::string_view tsv;   // label<TAB>topic<TAB>text, with a header line
};

const std::vector<SeedFile>& SeedCorpus();

}  // namespace smsdesk::learn
