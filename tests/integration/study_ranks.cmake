# A study gives the same tables, byte for byte, on one process and on two MPI ranks
# (docs/studies.md#on-many-machines). Run by CTest as
#   cmake -DGIGASIM=... -DMPIRUN=... -DSTUDY=... -DOUT=... -P study_ranks.cmake
# Open MPI refuses root without its two variables (CI containers run as root), and
# --oversubscribe lets two ranks share a one-core machine.
set(ENV{OMPI_ALLOW_RUN_AS_ROOT} 1)
set(ENV{OMPI_ALLOW_RUN_AS_ROOT_CONFIRM} 1)
# Open MPI's own allocations outlive MPI_Finalize: not gigasim's leaks.
set(ENV{ASAN_OPTIONS} "detect_leaks=0")
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${GIGASIM} study ${STUDY} --threads 1 --out ${OUT}/serial
                RESULT_VARIABLE serial_rc)
if(NOT serial_rc EQUAL 0)
  message(FATAL_ERROR "the serial study failed: ${serial_rc}")
endif()
execute_process(COMMAND ${MPIRUN} --oversubscribe -np 2 ${GIGASIM} study ${STUDY} --threads 1
                        --out ${OUT}/ranks
                RESULT_VARIABLE ranks_rc)
if(NOT ranks_rc EQUAL 0)
  message(FATAL_ERROR "the study on two ranks failed: ${ranks_rc}")
endif()
foreach(table study.csv replicas.csv study.json study.sqlite)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/serial/${table}
                          ${OUT}/ranks/${table}
                  RESULT_VARIABLE differ)
  if(NOT differ EQUAL 0)
    message(FATAL_ERROR "${table} differs between one process and two ranks")
  endif()
endforeach()
message(STATUS "the tables of one process and of two ranks are identical")
