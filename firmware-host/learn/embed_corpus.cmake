# Writes OUT: a C++ file that holds each file of the training corpus (the
# TSV files of IN_DIR) as one raw string literal, so the program carries its
# seed corpus without reading anything from disk. Run at build time by the
# learn module's custom command (firmware-host/CMakeLists.txt).
file(GLOB files "${IN_DIR}/*.tsv")
list(SORT files)
set(body "// Generated from data/training/ by firmware-host/learn/embed_corpus.cmake: do not edit.\n")
string(APPEND body "#include \"firmware-host/learn/seed_corpus.h\"\n\nnamespace smsdesk::learn {\n\n")
string(APPEND body "const std::vector<SeedFile>& SeedCorpus() {\n  static const std::vector<SeedFile> files = {\n")
foreach(f IN LISTS files)
  get_filename_component(name "${f}" NAME_WE)
  file(READ "${f}" text)
  string(FIND "${text}" ")seed\"" bad)
  if(NOT bad EQUAL -1)
    message(FATAL_ERROR "${f} contains the raw string delimiter )seed\"")
  endif()
  string(APPEND body "      {\"${name}\", R\"seed(${text})seed\"},\n")
endforeach()
string(APPEND body "  };\n  return files;\n}\n\n}  // namespace smsdesk::learn\n")
file(WRITE "${OUT}.tmp" "${body}")
file(RENAME "${OUT}.tmp" "${OUT}")
