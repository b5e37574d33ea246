# One static library per module, as fmt and ns-3 do: `gigasim_module(NAME FOLDER f SOURCES ...
# USES ...)` builds target gigasim_NAME from src/gigasim/<f>/ and makes its headers visible to
# it and to the targets that use it, and to no other. Each module gets its own include root
# in the build tree, holding one link, gigasim/<f> -> src/gigasim/<f>; src/ itself is on no
# include path. A module that includes a header of a module it does not declare in USES
# (a layer above it, say) therefore fails to compile: "gigasim/sim/results.hpp: No such file".
# The layering of DESIGN.md is the list of USES in src/gigasim/CMakeLists.txt.
function(gigasim_module name)
  cmake_parse_arguments(PARSE_ARGV 1 M "" "FOLDER" "SOURCES;USES;PRIVATE_USES")
  if(NOT M_FOLDER)
    set(M_FOLDER ${name})
  endif()
  set(root ${PROJECT_BINARY_DIR}/include/${name})
  cmake_path(GET M_FOLDER PARENT_PATH parent)
  file(MAKE_DIRECTORY ${root}/gigasim/${parent})
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/gigasim/${M_FOLDER} ${root}/gigasim/${M_FOLDER} SYMBOLIC)
  if(NOT M_SOURCES)  # headers only
    add_library(gigasim_${name} INTERFACE)
    add_library(gigasim::${name} ALIAS gigasim_${name})
    target_include_directories(gigasim_${name} INTERFACE $<BUILD_INTERFACE:${root}>)
    target_link_libraries(gigasim_${name} INTERFACE ${M_USES})
    return()
  endif()
  list(TRANSFORM M_SOURCES PREPEND ${PROJECT_SOURCE_DIR}/src/gigasim/${M_FOLDER}/)
  add_library(gigasim_${name} STATIC ${M_SOURCES})
  add_library(gigasim::${name} ALIAS gigasim_${name})
  target_include_directories(gigasim_${name} PUBLIC $<BUILD_INTERFACE:${root}>)
  target_link_libraries(gigasim_${name} PUBLIC ${M_USES} PRIVATE ${M_PRIVATE_USES} gigasim_options)
endfunction()
