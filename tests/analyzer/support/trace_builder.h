// Test-side trace writer: builds ccsp trace files (FileHeader + chunked task and metadata
// streams) with the trace/codec.h encoders, so reader, replay and detector tests can state a
// scenario in a few lines. Streams chunks to the file as they fill (the benchmark writes
// gigabyte traces with it). Sequence numbers are assigned in call order.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "trace/codec.h"

namespace ccsp::testing {

class TraceBuilder {
 public:
  class Task {
   public:
    Task& Read(uint64_t addr, unsigned size, uint32_t site) { return Access(false, addr, size, site); }
    Task& Write(uint64_t addr, unsigned size, uint32_t site) { return Access(true, addr, size, site); }
    Task& Access(bool write, uint64_t addr, unsigned size, uint32_t site);  // 1,2,4,8,16
    Task& Range(bool write, uint64_t addr, uint64_t size, uint32_t site);
    // count accesses of `size` bytes (1,2,4,8,16) at addr, addr + size, ...: one Run record.
    Task& Run(bool write, uint64_t addr, unsigned size, uint32_t count, uint32_t site);
    Task& Atomic(trace::AtomicKind kind, trace::MemOrder order, uint32_t size, uint64_t addr,
                 uint32_t site);
    Task& Fence(trace::MemOrder order) {
      return Atomic(trace::AtomicKind::kFence, order, 0, 0, 0);
    }
    Task& Enter(uint32_t callsite, uint32_t fn);
    Task& Exit();
    Task& Sync(trace::SyncKind kind, uint64_t obj = 0, uint64_t arg1 = 0, uint64_t arg2 = 0,
               uint32_t site = 0);
    Task& Pad();
    // A CPU sample (trace/format.h "Sample"), at the time of the last sync; SampleFrame: one
    // frame of the next sample that the stream has not entered.
    Task& SampleFrame(uint32_t callsite, uint32_t fn);
    Task& Sample(uint32_t count, uint64_t cpu_ns);
    uint32_t id() const { return id_; }

   private:
    friend class TraceBuilder;
    Task(TraceBuilder* b, uint32_t id) : b_(b), id_(id) {}
    TraceBuilder* b_;
    uint32_t id_;
    trace::StreamState state_;
  };

  explicit TraceBuilder(std::string path);
  ~TraceBuilder();
  TraceBuilder(const TraceBuilder&) = delete;
  TraceBuilder& operator=(const TraceBuilder&) = delete;

  // ---- metadata ----
  uint64_t String(const std::string& s);
  // A site with the next global id (1, 2, ...). inlined_at: a site id or 0.
  uint32_t Site(const std::string& fn, const std::string& file, uint32_t line, uint32_t column = 0,
                uint32_t inlined_at = 0);
  void Global(uint64_t addr, uint64_t size, const std::string& name, const std::string& file,
              uint32_t line);
  void TaskName(uint32_t task, const std::string& name);
  void Arg(uint64_t index, const std::string& s);
  void Option(const std::string& key, const std::string& value);
  void Panic(uint32_t task, const std::string& message);

  // ---- task streams ----
  Task& T(uint32_t id);
  // parent creates child; the child starts (TaskCreate in parent, TaskStart in child).
  Task& Spawn(uint32_t parent, uint32_t child, uint32_t site = 0);
  // child ends; parent joins it.
  void Join(uint32_t parent, uint32_t child, uint32_t site = 0);

  // ---- header ----
  void SetComplete(int exit_status) { complete_ = true; exit_status_ = exit_status; }
  void SetVersion(uint32_t v) { version_ = v; }
  void SetProgram(const std::string& p) { program_ = p; }
  uint64_t next_seq() const { return seq_ + 1; }

  // Writes the remaining chunks and the header. Called by the destructor if needed.
  void Finish();
  uint64_t bytes_written() const { return bytes_; }

 private:
  struct Chunk {
    uint64_t number = 0;
    std::vector<uint8_t> data;  // header + payload
    uint32_t used = 0;
  };
  void Append(uint32_t stream, const uint8_t* rec, size_t len);
  void Meta(uint8_t op, std::initializer_list<uint64_t> fields);
  void Flush(Chunk& c);

  std::string path_;
  int fd_ = -1;
  uint64_t chunks_ = 0;
  uint64_t seq_ = 0;
  uint64_t bytes_ = 0;
  std::map<uint32_t, Chunk> open_;  // stream -> its current chunk
  std::map<uint32_t, uint32_t> next_index_;
  std::map<uint32_t, std::unique_ptr<Task>> tasks_;
  std::map<std::string, uint64_t> strings_;
  uint32_t sites_ = 0;
  bool complete_ = false;
  int exit_status_ = 0;
  uint32_t version_ = trace::kFormatVersion;
  std::string program_ = "/test/prog";
  bool finished_ = false;
};

// Whole-file helpers for tests that damage traces.
std::vector<uint8_t> ReadFileBytes(const std::string& path);
void WriteFileBytes(const std::string& path, const std::vector<uint8_t>& bytes);
// A fresh path in the test temp dir: <tmp>/ccsp-test-<name>-<pid>.bin
std::string TempTracePath(const std::string& name);

}  // namespace ccsp::testing
