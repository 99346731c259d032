# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a tr() string of the sources has no German translation: runs lupdate, as the
# update_translations target does, on a copy of the .ts file and counts what it leaves unfinished.
# (The .ts alone cannot tell: a string added to the code without running lupdate is simply absent.)
execute_process(COMMAND ${CMAKE_COMMAND} -DIN_FILE=${PROJECT_IN} -DOUT_FILE=${WORK_DIR}/project.json
                        -P ${GENERATE_PROJECT} RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "could not write the lupdate project from ${PROJECT_IN}")
endif()
configure_file(${TS_FILE} ${WORK_DIR}/archscope_de.ts COPYONLY)
file(READ ${WORK_DIR}/project.json project)
string(REPLACE "${TS_FILE}" "${WORK_DIR}/archscope_de.ts" project "${project}")
file(WRITE ${WORK_DIR}/project.json "${project}")
execute_process(COMMAND ${LUPDATE} -project ${WORK_DIR}/project.json -no-obsolete -locations none
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc)
  message(FATAL_ERROR "lupdate failed: ${out}${err}")
endif()
file(READ ${WORK_DIR}/archscope_de.ts updated)
string(REGEX MATCHALL "<source>[^<]*</source>[ \n]*<translation type=\"unfinished\"" missing "${updated}")
list(LENGTH missing count)
if(count GREATER 0)
  string(REPLACE ";" "\n" missing "${missing}")
  message(FATAL_ERROR "${count} string(s) of the sources have no German translation in ${TS_FILE} "
                      "(run `cmake --build build/strict --target update_translations`, then translate):\n${missing}")
endif()
file(READ ${TS_FILE} original)
if(NOT original STREQUAL updated)
  message(FATAL_ERROR "${TS_FILE} is out of date with the sources (obsolete or moved strings): run "
                      "`cmake --build build/strict --target update_translations` and commit the result")
endif()
message(STATUS "every source string has its German translation")
