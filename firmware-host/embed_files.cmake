# Writes OUT: a C++ file holding each file of IN_DIR that matches PATTERN
# as one raw string literal, so the program carries that data without
# reading anything from disk. Run at build time by a module's custom
# command (firmware-host/CMakeLists.txt); the generated function is
#   const std::vector<TYPE>& FUNCTION()  in NAMESPACE, declared in HEADER,
# where TYPE is a struct of two string_views: the file's name without its
# extension, and its text.
file(GLOB files "${IN_DIR}/${PATTERN}")
list(SORT files)
set(delimiter "embed")
set(body "// Generated from ${IN_DIR} by firmware-host/embed_files.cmake: do not edit.\n")
string(APPEND body "#include \"${HEADER}\"\n\nnamespace ${NAMESPACE} {\n\n")
string(APPEND body "const std::vector<${TYPE}>& ${FUNCTION}() {\n  static const std::vector<${TYPE}> files = {\n")
foreach(f IN LISTS files)
  get_filename_component(name "${f}" NAME)
  string(REGEX REPLACE "\\.[^.]*$" "" name "${name}")
  file(READ "${f}" text)
  string(FIND "${text}" ")${delimiter}\"" bad)
  if(NOT bad EQUAL -1)
    message(FATAL_ERROR "${f} contains the raw string delimiter )${delimiter}\"")
  endif()
  string(APPEND body "      {\"${name}\", R\"${delimiter}(${text})${delimiter}\"},\n")
endforeach()
string(APPEND body "  };\n  return files;\n}\n\n}  // namespace ${NAMESPACE}\n")
file(WRITE "${OUT}.tmp" "${body}")
file(RENAME "${OUT}.tmp" "${OUT}")
