// Builds LLVM declarations of the runtime entry points from CCSP_ABI_LIST. The type tokens of
// the list (void, ptr, u8, u32, u64, cstr, sites, globals, u32p) map to LLVM types below; the
// static_asserts tie each mapping to the C type abi.h gives the same token.
#include "runtime_abi.h"

#include <cstddef>

#include "diagnostics.h"

namespace ccsp {
namespace {

using llvm::LLVMContext;
using llvm::Type;

// clang-format off
// Token -> LLVM type.
#define CCSP_LLVM_TYPE_void(c) Type::getVoidTy(c)
#define CCSP_LLVM_TYPE_ptr(c) llvm::PointerType::getUnqual(c)
#define CCSP_LLVM_TYPE_u8(c) Type::getInt8Ty(c)
#define CCSP_LLVM_TYPE_u32(c) Type::getInt32Ty(c)
#define CCSP_LLVM_TYPE_u64(c) Type::getInt64Ty(c)
#define CCSP_LLVM_TYPE_cstr(c) llvm::PointerType::getUnqual(c)
#define CCSP_LLVM_TYPE_sites(c) llvm::PointerType::getUnqual(c)
#define CCSP_LLVM_TYPE_globals(c) llvm::PointerType::getUnqual(c)
#define CCSP_LLVM_TYPE_u32p(c) llvm::PointerType::getUnqual(c)

// Token -> whether the C ABI wants the argument zero-extended (small unsigned integers).
#define CCSP_LLVM_ZEXT_ptr false
#define CCSP_LLVM_ZEXT_u8 true
#define CCSP_LLVM_ZEXT_u32 false
#define CCSP_LLVM_ZEXT_u64 false
#define CCSP_LLVM_ZEXT_cstr false
#define CCSP_LLVM_ZEXT_sites false
#define CCSP_LLVM_ZEXT_globals false
#define CCSP_LLVM_ZEXT_u32p false

static_assert(sizeof(CCSP_CTYPE_u8) == 1 && sizeof(CCSP_CTYPE_u32) == 4 &&
                  sizeof(CCSP_CTYPE_u64) == 8,
              "abi.h integer tokens must match the LLVM integer widths used here");

#define CCSP_LLVM_PARAMS_0() {}
#define CCSP_LLVM_PARAMS_1(a) {CCSP_LLVM_TYPE_##a(c)}
#define CCSP_LLVM_PARAMS_2(a, b) {CCSP_LLVM_TYPE_##a(c), CCSP_LLVM_TYPE_##b(c)}
#define CCSP_LLVM_PARAMS_3(a, b, d) \
  {CCSP_LLVM_TYPE_##a(c), CCSP_LLVM_TYPE_##b(c), CCSP_LLVM_TYPE_##d(c)}
#define CCSP_LLVM_PARAMS_4(a, b, d, e) \
  {CCSP_LLVM_TYPE_##a(c), CCSP_LLVM_TYPE_##b(c), CCSP_LLVM_TYPE_##d(c), CCSP_LLVM_TYPE_##e(c)}
#define CCSP_LLVM_PARAMS_6(a, b, d, e, f, g)                                                 \
  {CCSP_LLVM_TYPE_##a(c), CCSP_LLVM_TYPE_##b(c), CCSP_LLVM_TYPE_##d(c), CCSP_LLVM_TYPE_##e(c), \
   CCSP_LLVM_TYPE_##f(c), CCSP_LLVM_TYPE_##g(c)}

#define CCSP_LLVM_ZEXTS_0() {}
#define CCSP_LLVM_ZEXTS_1(a) {CCSP_LLVM_ZEXT_##a}
#define CCSP_LLVM_ZEXTS_2(a, b) {CCSP_LLVM_ZEXT_##a, CCSP_LLVM_ZEXT_##b}
#define CCSP_LLVM_ZEXTS_3(a, b, d) {CCSP_LLVM_ZEXT_##a, CCSP_LLVM_ZEXT_##b, CCSP_LLVM_ZEXT_##d}
#define CCSP_LLVM_ZEXTS_4(a, b, d, e) \
  {CCSP_LLVM_ZEXT_##a, CCSP_LLVM_ZEXT_##b, CCSP_LLVM_ZEXT_##d, CCSP_LLVM_ZEXT_##e}
#define CCSP_LLVM_ZEXTS_6(a, b, d, e, f, g)                                           \
  {CCSP_LLVM_ZEXT_##a, CCSP_LLVM_ZEXT_##b, CCSP_LLVM_ZEXT_##d, CCSP_LLVM_ZEXT_##e, \
   CCSP_LLVM_ZEXT_##f, CCSP_LLVM_ZEXT_##g}

// clang-format on

struct EntrySpec {
  const char* name;
  llvm::FunctionType* type;
  llvm::SmallVector<bool, 6> zext;
};

EntrySpec Spec(LLVMContext& c, RtFn fn) {
  switch (fn) {
#define CCSP_RT_SPEC(ret, name, n, params)                                                        \
  case RtFn::name:                                                                                \
    return {                                                                                      \
        #name,                                                                                    \
        llvm::FunctionType::get(CCSP_LLVM_TYPE_##ret(c),                                          \
                                std::initializer_list<Type*> CCSP_LLVM_PARAMS_##n params, false), \
        CCSP_LLVM_ZEXTS_##n params};
    CCSP_ABI_LIST(CCSP_RT_SPEC)
#undef CCSP_RT_SPEC
    case RtFn::kCount:
      break;
  }
  return {"", nullptr, {}};
}

#define CCSP_STRINGIFY2(x) #x
#define CCSP_STRINGIFY(x) CCSP_STRINGIFY2(x)
constexpr const char* kCallsiteTlsName = CCSP_STRINGIFY(CCSP_CALLSITE_TLS);

}  // namespace

RuntimeAbi::RuntimeAbi(llvm::Module& m) : m_(m) {}

llvm::FunctionCallee RuntimeAbi::Get(RtFn fn) {
  llvm::FunctionCallee& slot = fns_[static_cast<size_t>(fn)];
  if (slot) return slot;
  LLVMContext& c = m_.getContext();
  EntrySpec spec = Spec(c, fn);
  if (llvm::Function* existing = m_.getFunction(spec.name)) {
    if (existing->getFunctionType() != spec.type) {
      ReportError(m_,
                  llvm::Twine("'") + spec.name +
                      "' is declared with a type that differs from the runtime ABI (ccsp/abi.h)");
    }
  }
  llvm::AttributeList attrs;
  attrs = attrs.addFnAttribute(c, llvm::Attribute::NoUnwind);
  for (unsigned i = 0; i < spec.zext.size(); ++i) {
    if (spec.zext[i]) attrs = attrs.addParamAttribute(c, i, llvm::Attribute::ZExt);
  }
  slot = m_.getOrInsertFunction(spec.name, spec.type, attrs);
  return slot;
}

llvm::FunctionCallee RuntimeAbi::ReadN(uint64_t size) {
  switch (size) {
    case 1:
      return Get(RtFn::__ccsp_read1);
    case 2:
      return Get(RtFn::__ccsp_read2);
    case 4:
      return Get(RtFn::__ccsp_read4);
    case 8:
      return Get(RtFn::__ccsp_read8);
    case 16:
      return Get(RtFn::__ccsp_read16);
    default:
      return {};
  }
}

llvm::FunctionCallee RuntimeAbi::WriteN(uint64_t size) {
  switch (size) {
    case 1:
      return Get(RtFn::__ccsp_write1);
    case 2:
      return Get(RtFn::__ccsp_write2);
    case 4:
      return Get(RtFn::__ccsp_write4);
    case 8:
      return Get(RtFn::__ccsp_write8);
    case 16:
      return Get(RtFn::__ccsp_write16);
    default:
      return {};
  }
}

llvm::GlobalVariable* RuntimeAbi::CallsiteTls() {
  if (callsite_) return callsite_;
  Type* i32 = Type::getInt32Ty(m_.getContext());
  llvm::GlobalVariable* gv = m_.getNamedGlobal(kCallsiteTlsName);
  if (gv && (gv->getValueType() != i32 || !gv->isThreadLocal())) {
    ReportError(m_, llvm::Twine("'") + kCallsiteTlsName +
                        "' is defined here but is not the runtime's thread-local uint32_t");
  }
  if (!gv) {
    gv = new llvm::GlobalVariable(m_, i32, /*isConstant=*/false, llvm::GlobalValue::ExternalLinkage,
                                  nullptr, kCallsiteTlsName, nullptr,
                                  llvm::GlobalValue::InitialExecTLSModel);
  }
  callsite_ = gv;
  return gv;
}

bool RuntimeAbi::IsRuntimeName(llvm::StringRef name) { return name.starts_with("__ccsp"); }

// struct ccsp_site_entry { const char* function, *file; uint32_t line, column, inlined_at,
// flags; } and struct ccsp_global_entry { const void* addr; uint64_t size; const char* name,
// *file; uint32_t line, reserved; }: natural alignment on every target, so the LLVM struct
// lays out as the C one does for the target the runtime is compiled for.
static_assert(offsetof(ccsp_site_entry, line) == 2 * sizeof(void*) &&
                  sizeof(ccsp_site_entry) == 2 * sizeof(void*) + 16,
              "ccsp_site_entry layout changed: update SiteEntryType");
static_assert(offsetof(ccsp_global_entry, line) == 8 + 3 * sizeof(void*) &&
                  sizeof(ccsp_global_entry) == 16 + 3 * sizeof(void*),
              "ccsp_global_entry layout changed: update GlobalEntryType");

llvm::StructType* RuntimeAbi::SiteEntryType() {
  if (!site_entry_) {
    LLVMContext& c = m_.getContext();
    Type* ptr = llvm::PointerType::getUnqual(c);
    Type* i32 = Type::getInt32Ty(c);
    site_entry_ = llvm::StructType::get(c, {ptr, ptr, i32, i32, i32, i32});
  }
  return site_entry_;
}

llvm::StructType* RuntimeAbi::GlobalEntryType() {
  if (!global_entry_) {
    LLVMContext& c = m_.getContext();
    Type* ptr = llvm::PointerType::getUnqual(c);
    Type* i32 = Type::getInt32Ty(c);
    global_entry_ = llvm::StructType::get(c, {ptr, Type::getInt64Ty(c), ptr, ptr, i32, i32});
  }
  return global_entry_;
}

}  // namespace ccsp
