// Potential deadlocks through a lock and an unbuffered channel, predicted from runs that did
// not deadlock (GoKer's "channel and lock" bugs). Task T1 holds lock m while it sends on (or
// receives from) an unbuffered channel ch; the partner that completed that rendezvous, task
// T2, took m before it reached its side of ch. Had T1 taken m first, T1 would wait in ch for
// T2 and T2 in m for T1: a deadlock this run avoided by its timing.
//
// Reported when, in a replay without mutex and rwlock edges (the second look), T2's
// acquisition of m is concurrent with both T1's acquisition of m and T1's channel operation:
// nothing but m itself ordered them. Covered: mutexes and rwlocks (write, or read against a
// write) held across an unbuffered send or receive, partner acquisitions among its latest
// sixteen. Not covered: buffered channels (a send blocks only when full), select,
// conds (a signal has no partner record), and chains of more than one channel.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "analyzer/findings/report_context.h"
#include "analyzer/hb/consumer.h"
#include "analyzer/hb/engine.h"

namespace ccsp::analyzer {

class ClockGrabber;

class LockChannelOrder final : public Consumer {
 public:
  static constexpr size_t kMaxHeldOps = 4096;
  static constexpr size_t kAcquisitionsKept = 16;  // per task, the latest

  explicit LockChannelOrder(ReportContext& ctx);
  ~LockChannelOrder() override;

  uint32_t interests() const override { return kSyncs; }
  bool WantsSync(trace::SyncKind k) const override;
  void OnSync(const Task& t, const trace::Record& r, const SyncContext& ctx) override;
  Consumer* SecondLook(EngineOptions& opts) override;
  void OnSecondLookDone() override;

 private:
  struct Acquisition {
    uint64_t lock = 0;
    uint64_t seq = 0;
    bool read = false;
    StackId stack = kEmptyStack;
    SiteId site = SiteId::kUnknown;
  };
  // A channel operation of one side of a rendezvous.
  struct ChanOp {
    TaskId task = TaskId::kNone;
    TaskIndex index = kNoTask;
    bool send = false;
    uint64_t seq = 0;
    StackId stack = kEmptyStack;
    SiteId site = SiteId::kUnknown;
    std::vector<HeldLock> held;  // the locks the task held at the operation (usually none)
  };
  // T1's operation under a lock, and (once seen) its partner's with T2's acquisition of it.
  struct Candidate {
    ChanOp op;           // T1's
    HeldLock held;       // m, as T1 held it
    ObjectId channel = ObjectId::kNone;
    ChanOp partner;      // T2's
    Acquisition taken;   // T2's acquisition of m before its side
  };
  void Match(const ChanOp& mine, ObjectId ch, uint64_t k);
  void Report(const Candidate& c);

  ReportContext& ctx_;
  // The latest acquisitions of each task (by index), a ring of kAcquisitionsKept: one store per
  // lock, no lookup, on the hot path of lock-heavy traces.
  struct Ring {
    Acquisition at[kAcquisitionsKept];
    uint32_t next = 0;
  };
  std::vector<Ring> acquisitions_;
  // Unbuffered rendezvous seen so far, by (channel, value k): each side once it happened.
  std::map<std::pair<uint64_t, uint64_t>, std::pair<ChanOp, ChanOp>> rendezvous_;  // send, recv
  std::vector<Candidate> candidates_;
  std::unique_ptr<ClockGrabber> grab_;
};

}  // namespace ccsp::analyzer
