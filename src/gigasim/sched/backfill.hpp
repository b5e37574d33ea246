// EASY backfilling (Lifka 1995, "The ANL/IBM SP scheduling system"; Mu'alem & Feitelson 2001,
// "Utilization, predictability, workloads, and user runtime estimates in scheduling the IBM
// SP2 with backfilling", IEEE TPDS 12(6)): the first job that cannot start gets a reservation
// at the earliest time enough accelerators are free; a later job may start now ("backfill")
// only if it ends before that time or uses accelerators the reserved job will not need
// (docs/models/scheduling.md, "EASY backfilling").
#pragma once

#include <cstdint>

#include "gigasim/core/time.hpp"
#include "gigasim/sched/job_table.hpp"
#include "gigasim/sched/partition.hpp"

namespace gigasim::sched {

struct Reservation {
  core::Time shadow;       ///< the reserved job's promised start ("never" if none can be given)
  std::int64_t extra = 0;  ///< whole domains the reserved job will not need at that time
};

/// When could `job` start if nothing else started? The running jobs' releases are replayed in
/// the order of their planned ends (Partition::planned: requested limits or exact ends), domain by
/// domain, until enough domains are whole: a job spanning domains needs whole domains, and a small
/// job is promised a whole domain (it may start earlier in a shared one). With exact run times,
/// counting exactly makes the promise hold: a later pass can only find the same start or an
/// earlier one; a job that outlives its requested limit can delay it, as on a real machine. The
/// jobs that end at the very instant of the promised start all count as free then.
Reservation reserve_for(Partition& p, const JobTable& jobs, std::uint32_t job);

/// Whether `job`, which fits now, may start without delaying the reservation `r` (it ends
/// before it by its requested limit, with `requested`, or by its exact run time at `speed`);
/// when it takes domains the reserved job will not need, `r.extra` is reduced by them.
bool may_backfill(const Partition& p, const JobTable& jobs, std::uint32_t job, core::Time now,
                  double speed, bool requested, Reservation& r);

}  // namespace gigasim::sched
