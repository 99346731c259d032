# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Debian's libtorch_cpu 1.13 lists OpenCV's highgui as NEEDED but imports none of OpenCV's symbols
# (`nm -D --undefined-only` shows no cv:: name), and highgui needs Qt 5 Widgets: every process that
# links LibTorch would map Qt 5 beside the app's Qt 6. Both then run their static initialisers, and
# under AddressSanitizer Qt 5's aborts inside Qt 6's QByteArray. The cure is a library without
# symbols that carries highgui's SONAME and is a direct dependency of our executables: the dynamic
# loader maps an executable's own dependencies before theirs and treats a later request for that
# SONAME as already satisfied, so the real highgui (and Qt 5) is never opened.
#
# Defines archscope_without_qt5 (an INTERFACE target to link into every executable that links core);
# empty where LibTorch needs no highgui (e.g. a pip or CUDA build) or where it does use it.
add_library(archscope_without_qt5 INTERFACE)

find_library(ARCHSCOPE_TORCH_CPU_LIBRARY torch_cpu PATHS "${TORCH_INSTALL_PREFIX}/lib" NO_CACHE)
if(NOT ARCHSCOPE_TORCH_CPU_LIBRARY OR NOT CMAKE_OBJDUMP OR NOT CMAKE_NM)
  return()
endif()
execute_process(COMMAND ${CMAKE_OBJDUMP} -p ${ARCHSCOPE_TORCH_CPU_LIBRARY}
  OUTPUT_VARIABLE _archscope_torch_headers ERROR_QUIET)
string(REGEX MATCH "NEEDED +(libopencv_highgui\\.so[.0-9]*)" _archscope_needed "${_archscope_torch_headers}")
if(NOT _archscope_needed)
  return()
endif()
set(ARCHSCOPE_HIGHGUI_SONAME ${CMAKE_MATCH_1})
execute_process(COMMAND ${CMAKE_NM} -D --undefined-only ${ARCHSCOPE_TORCH_CPU_LIBRARY}
  OUTPUT_VARIABLE _archscope_torch_imports ERROR_QUIET)
if(_archscope_torch_imports MATCHES "U (_ZN2cv|_ZNK2cv|cv[A-Z])")
  message(STATUS "LibTorch imports OpenCV symbols: the real ${ARCHSCOPE_HIGHGUI_SONAME} (and Qt 5) stays in")
  return()
endif()

string(REGEX REPLACE "^lib(.*)\\.so.*$" "\\1" _archscope_stub_name ${ARCHSCOPE_HIGHGUI_SONAME})
string(REGEX REPLACE "^lib.*(\\.so.*)$" "\\1" _archscope_stub_suffix ${ARCHSCOPE_HIGHGUI_SONAME})
add_library(archscope_highgui_stub SHARED ${CMAKE_CURRENT_LIST_DIR}/HighguiStub.cpp)
set_target_properties(archscope_highgui_stub PROPERTIES
  OUTPUT_NAME ${_archscope_stub_name}
  SUFFIX ${_archscope_stub_suffix}
  NO_SONAME ON
  LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib/archscope)
target_link_options(archscope_highgui_stub PRIVATE "LINKER:-soname,${ARCHSCOPE_HIGHGUI_SONAME}")
# --as-needed (Debian's default) would drop a library whose symbols nobody uses.
target_link_libraries(archscope_without_qt5 INTERFACE
  "-Wl,--push-state,--no-as-needed" archscope_highgui_stub "-Wl,--pop-state")
set(ARCHSCOPE_PRIVATE_LIB_DIR lib/archscope)
install(TARGETS archscope_highgui_stub LIBRARY DESTINATION ${ARCHSCOPE_PRIVATE_LIB_DIR})
# Installed executables find it relative to themselves, wherever the package is unpacked.
set(CMAKE_INSTALL_RPATH "$ORIGIN/../${ARCHSCOPE_PRIVATE_LIB_DIR}")
message(STATUS "LibTorch's unused ${ARCHSCOPE_HIGHGUI_SONAME} is replaced by an empty stub: no Qt 5 in our processes")
