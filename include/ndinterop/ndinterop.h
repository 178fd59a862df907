/*
 * ndinterop.h — hand DLPack tensors to and from JavaScript as capsules,
 * from any Node-API addon, without linking to ndinterop.
 *
 * Header-only C (C99 or C++), needs Node-API 8 (type tags). A capsule is a JS
 * object carrying one DLManagedTensor or DLManagedTensorVersioned. ndinterop's
 * `DLPackCapsule`, `fromDlpack` and `toDlpack` speak the same format, and so
 * does every other addon (or a second copy of ndinterop) that includes this
 * header: capsules are recognised by a Node-API type tag, and their state is
 * a small C struct whose layout is fixed by NDINTEROP_CAPSULE_ABI.
 *
 * Ownership rules, in the spirit of DLPack's Python capsules:
 *  - ndinterop_capsule_make*: on NDINTEROP_OK the capsule owns the tensor;
 *    on any other status the caller still owns it.
 *  - ndinterop_capsule_take*: on NDINTEROP_OK the caller owns the tensor and
 *    must call its deleter (when non-NULL) exactly once, from any thread; the
 *    capsule is then "used" and can never hand the tensor out again.
 *  - A capsule that is collected by the GC, or released with
 *    ndinterop_capsule_release, while still unused calls the tensor's
 *    deleter itself (like a PyCapsule destructor). Node runs these
 *    finalizers on the JS thread after the GC, and at environment teardown.
 *  - The deleter of a tensor put into a capsule may be called on any thread
 *    and must not call into JS.
 *
 * Lifetime of ndinterop's own exports (toDlpack, __dlpack__,
 * toDlpackPointer): the data stays valid until the consumer calls the
 * deleter, from any thread, however long after, whatever JS does meanwhile
 * (transferring or detaching the ArrayBuffer, collecting every JS object,
 * the exporting worker exiting). The export holds the memory itself (V8's
 * BackingStore, or a share of an imported tensor), not the JS object.
 * Memory that cannot be held that way is refused at export time (a resizable
 * ArrayBuffer without copy: true: BufferError ERR_BUFFER). One exception
 * nobody can lift: a pointer-form view (fromArrayInterface with an owner)
 * is only as alive as its owner, which Node releases when the environment
 * that made the view exits. One transfer cannot be survived, so it is
 * refused instead: on Node >= 21, ArrayBuffer.prototype.transfer(newLength)
 * and transferToFixedLength(newLength) with a length other than byteLength
 * make V8 reallocate a fixed-length buffer's memory in place, under the
 * export; until the deleter runs, ndinterop (once loaded in that JS realm)
 * makes those calls throw BufferError ERR_BUFFER. Same-length transfers
 * move the memory and stay allowed.
 */
#ifndef NDINTEROP_NDINTEROP_H_
#define NDINTEROP_NDINTEROP_H_

#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>

#include "dlpack/dlpack.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Layout version of ndinterop_capsule_state. Capsules of another version are
 * reported as NDINTEROP_NOT_A_CAPSULE (a future version uses another tag). */
#define NDINTEROP_CAPSULE_ABI 1u

/* The type tag every capsule object carries (random, fixed forever for ABI 1). */
static const napi_type_tag ndinterop_capsule_tag = {0x6e64696e7465726fULL, 0x91c3a4d27be05f18ULL};

typedef enum {
  NDINTEROP_OK = 0,
  NDINTEROP_NOT_A_CAPSULE = 1, /* the value is not an ndinterop capsule */
  NDINTEROP_CONSUMED = 2,      /* the capsule was already taken or released */
  NDINTEROP_WRONG_KIND = 3,    /* legacy asked, versioned held (or the reverse); nothing taken */
  NDINTEROP_INVALID_ARG = 4,   /* a NULL argument */
  NDINTEROP_NAPI_ERROR = 5     /* a Node-API call failed (a JS exception may be pending) */
} ndinterop_status;

/* Shared by every addon that includes this header; wrapped in the capsule
 * object with napi_wrap. Owned by the capsule object: freed by the finalizer
 * of the addon that made it. `tensor` is swapped to NULL atomically by
 * whoever takes or releases it, so it is handed out at most once. */
typedef struct {
  uint32_t abi;       /* NDINTEROP_CAPSULE_ABI */
  uint32_t versioned; /* 1: tensor is a DLManagedTensorVersioned*, 0: a DLManagedTensor* */
  void* tensor;       /* NULL once used */
} ndinterop_capsule_state;

#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#define NDINTEROP_EXCHANGE_PTR_(place) _InterlockedExchangePointer((void* volatile*)(place), NULL)
#define NDINTEROP_LOAD_PTR_(place) _InterlockedCompareExchangePointer((void* volatile*)(place), NULL, NULL)
#define NDINTEROP_CAS_PTR_(place, expected) \
  (_InterlockedCompareExchangePointer((void* volatile*)(place), NULL, (expected)) == (expected))
#else
#define NDINTEROP_EXCHANGE_PTR_(place) __atomic_exchange_n((place), (void*)NULL, __ATOMIC_ACQ_REL)
#define NDINTEROP_LOAD_PTR_(place) __atomic_load_n((place), __ATOMIC_ACQUIRE)
#define NDINTEROP_CAS_PTR_(place, expected) \
  ndinterop_cas_ptr_((place), (expected))
static inline int ndinterop_cas_ptr_(void** place, void* expected) {
  return __atomic_compare_exchange_n(place, &expected, (void*)NULL, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}
#endif

/* Calls the deleter of a tensor of either kind (when non-NULL). */
static inline void ndinterop_call_deleter(void* tensor, int versioned) {
  if (tensor == NULL) return;
  if (versioned) {
    DLManagedTensorVersioned* t = (DLManagedTensorVersioned*)tensor;
    if (t->deleter) t->deleter(t);
  } else {
    DLManagedTensor* t = (DLManagedTensor*)tensor;
    if (t->deleter) t->deleter(t);
  }
}

static inline void ndinterop_capsule_finalize_(napi_env env, void* data, void* hint) {
  ndinterop_capsule_state* state = (ndinterop_capsule_state*)data;
  (void)env;
  (void)hint;
  ndinterop_call_deleter(NDINTEROP_EXCHANGE_PTR_(&state->tensor), (int)state->versioned);
  free(state);
}

/* Finds the state of a capsule; NDINTEROP_NOT_A_CAPSULE for anything else. */
static inline ndinterop_status ndinterop_capsule_state_of(napi_env env, napi_value value,
                                                         ndinterop_capsule_state** state) {
  napi_valuetype type;
  bool tagged = false;
  void* data = NULL;
  if (env == NULL || value == NULL || state == NULL) return NDINTEROP_INVALID_ARG;
  if (napi_typeof(env, value, &type) != napi_ok) return NDINTEROP_NAPI_ERROR;
  if (type != napi_object) return NDINTEROP_NOT_A_CAPSULE;
  if (napi_check_object_type_tag(env, value, &ndinterop_capsule_tag, &tagged) != napi_ok) return NDINTEROP_NAPI_ERROR;
  if (!tagged) return NDINTEROP_NOT_A_CAPSULE;
  if (napi_unwrap(env, value, &data) != napi_ok || data == NULL) return NDINTEROP_NOT_A_CAPSULE;
  if (((ndinterop_capsule_state*)data)->abi != NDINTEROP_CAPSULE_ABI) return NDINTEROP_NOT_A_CAPSULE;
  *state = (ndinterop_capsule_state*)data;
  return NDINTEROP_OK;
}

/* Wraps `tensor` (a DLManagedTensorVersioned* when `versioned`, else a
 * DLManagedTensor*) in a new capsule object. Ownership: see the top. */
static inline ndinterop_status ndinterop_capsule_make(napi_env env, void* tensor, int versioned, napi_value* result) {
  napi_value object;
  ndinterop_capsule_state* state;
  if (env == NULL || tensor == NULL || result == NULL) return NDINTEROP_INVALID_ARG;
  if (napi_create_object(env, &object) != napi_ok) return NDINTEROP_NAPI_ERROR;
  if (napi_type_tag_object(env, object, &ndinterop_capsule_tag) != napi_ok) return NDINTEROP_NAPI_ERROR;
  state = (ndinterop_capsule_state*)malloc(sizeof(ndinterop_capsule_state));
  if (state == NULL) return NDINTEROP_NAPI_ERROR;
  state->abi = NDINTEROP_CAPSULE_ABI;
  state->versioned = versioned ? 1u : 0u;
  state->tensor = tensor;
  if (napi_wrap(env, object, state, ndinterop_capsule_finalize_, NULL, NULL) != napi_ok) {
    free(state); /* the tensor stays the caller's */
    return NDINTEROP_NAPI_ERROR;
  }
  *result = object;
  return NDINTEROP_OK;
}

static inline ndinterop_status ndinterop_capsule_make_versioned(napi_env env, DLManagedTensorVersioned* tensor,
                                                                napi_value* result) {
  return ndinterop_capsule_make(env, tensor, 1, result);
}

static inline ndinterop_status ndinterop_capsule_make_legacy(napi_env env, DLManagedTensor* tensor,
                                                             napi_value* result) {
  return ndinterop_capsule_make(env, tensor, 0, result);
}

/* Takes the tensor out of a capsule of either kind; `*versioned` says which.
 * Ownership: see the top. NDINTEROP_CONSUMED when already used. */
static inline ndinterop_status ndinterop_capsule_take(napi_env env, napi_value capsule, void** tensor,
                                                      int* versioned) {
  ndinterop_capsule_state* state = NULL;
  ndinterop_status status;
  void* taken;
  if (tensor == NULL || versioned == NULL) return NDINTEROP_INVALID_ARG;
  status = ndinterop_capsule_state_of(env, capsule, &state);
  if (status != NDINTEROP_OK) return status;
  taken = NDINTEROP_EXCHANGE_PTR_(&state->tensor);
  if (taken == NULL) return NDINTEROP_CONSUMED;
  *tensor = taken;
  *versioned = (int)state->versioned;
  return NDINTEROP_OK;
}

/* Takes a tensor of one kind only; a capsule of the other kind is left
 * untouched (NDINTEROP_WRONG_KIND). */
static inline ndinterop_status ndinterop_capsule_take_kind_(napi_env env, napi_value capsule, void** tensor,
                                                            uint32_t versioned) {
  ndinterop_capsule_state* state = NULL;
  ndinterop_status status = ndinterop_capsule_state_of(env, capsule, &state);
  void* held;
  if (status != NDINTEROP_OK) return status;
  if (state->versioned != versioned) return NDINTEROP_WRONG_KIND;
  held = NDINTEROP_LOAD_PTR_(&state->tensor);
  if (held == NULL || !NDINTEROP_CAS_PTR_(&state->tensor, held)) return NDINTEROP_CONSUMED;
  *tensor = held;
  return NDINTEROP_OK;
}

static inline ndinterop_status ndinterop_capsule_take_versioned(napi_env env, napi_value capsule,
                                                                DLManagedTensorVersioned** tensor) {
  if (tensor == NULL) return NDINTEROP_INVALID_ARG;
  return ndinterop_capsule_take_kind_(env, capsule, (void**)tensor, 1u);
}

static inline ndinterop_status ndinterop_capsule_take_legacy(napi_env env, napi_value capsule,
                                                             DLManagedTensor** tensor) {
  if (tensor == NULL) return NDINTEROP_INVALID_ARG;
  return ndinterop_capsule_take_kind_(env, capsule, (void**)tensor, 0u);
}

/* Reports the kind and whether the capsule is used; never changes it. */
static inline ndinterop_status ndinterop_capsule_inspect(napi_env env, napi_value capsule, int* versioned,
                                                         int* consumed) {
  ndinterop_capsule_state* state = NULL;
  ndinterop_status status = ndinterop_capsule_state_of(env, capsule, &state);
  if (status != NDINTEROP_OK) return status;
  if (versioned) *versioned = (int)state->versioned;
  if (consumed) *consumed = NDINTEROP_LOAD_PTR_(&state->tensor) == NULL;
  return NDINTEROP_OK;
}

/* Releases an unused capsule now: calls the tensor's deleter and marks the
 * capsule used. NDINTEROP_CONSUMED when it was already used. */
static inline ndinterop_status ndinterop_capsule_release(napi_env env, napi_value capsule) {
  void* tensor = NULL;
  int versioned = 0;
  ndinterop_status status = ndinterop_capsule_take(env, capsule, &tensor, &versioned);
  if (status == NDINTEROP_OK) ndinterop_call_deleter(tensor, versioned);
  return status;
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* NDINTEROP_NDINTEROP_H_ */
