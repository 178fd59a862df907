/*
 * A minimal native addon that trades DLPack tensors with JavaScript through
 * include/ndinterop/ndinterop.h, the way a tensor library's binding would:
 *
 *   ramp(n)        a float64 tensor [0, 1, ..., n-1] in malloc'd memory, as a
 *                  capsule; its deleter frees the memory once, whoever is last
 *   sum(capsule)   takes the tensor out of a capsule (any producer's, e.g.
 *                  ndinterop's toDlpack), sums it and calls its deleter
 *   freed()        how many ramp tensors were freed so far
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <node_api.h>

#include "ndinterop/ndinterop.h"

typedef struct {
  DLManagedTensorVersioned managed;
  int64_t shape[1];
  double data[];
} Ramp;

static volatile int64_t freed_count = 0;

static void ramp_deleter(DLManagedTensorVersioned* self) {
  free(self->manager_ctx);
  __atomic_add_fetch(&freed_count, 1, __ATOMIC_RELAXED);
}

static napi_value fail(napi_env env, const char* message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

static napi_value ramp(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int64_t n = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_get_value_int64(env, argv[0], &n) != napi_ok || n < 0 || n > (1 << 26)) {
    return fail(env, "ramp(n) expects an element count from 0 to 2^26");
  }
  Ramp* r = malloc(sizeof(Ramp) + (size_t)n * sizeof(double));
  if (r == NULL) return fail(env, "out of memory");
  memset(&r->managed, 0, sizeof r->managed);
  for (int64_t i = 0; i < n; i++) r->data[i] = (double)i;
  r->shape[0] = n;
  r->managed.version.major = DLPACK_MAJOR_VERSION;
  r->managed.version.minor = DLPACK_MINOR_VERSION;
  r->managed.manager_ctx = r;
  r->managed.deleter = ramp_deleter;
  r->managed.dl_tensor.data = r->data;
  r->managed.dl_tensor.device.device_type = kDLCPU;
  r->managed.dl_tensor.ndim = 1;
  r->managed.dl_tensor.dtype.code = kDLFloat;
  r->managed.dl_tensor.dtype.bits = 64;
  r->managed.dl_tensor.dtype.lanes = 1;
  r->managed.dl_tensor.shape = r->shape;
  r->managed.dl_tensor.strides = NULL; /* C order */
  napi_value capsule;
  if (ndinterop_capsule_make_versioned(env, &r->managed, &capsule) != NDINTEROP_OK) {
    free(r); /* not made: still ours */
    return fail(env, "ndinterop_capsule_make_versioned failed");
  }
  return capsule;
}

/* Sums a C-contiguous or strided float64 tensor of any rank. */
static double sum_tensor(const DLTensor* t) {
  int64_t count = 1;
  for (int32_t d = 0; d < t->ndim; d++) count *= t->shape[d];
  const char* base = (const char*)t->data + t->byte_offset;
  double total = 0;
  for (int64_t flat = 0; flat < count; flat++) {
    int64_t rest = flat, offset = 0, step = 1;
    for (int32_t d = t->ndim - 1; d >= 0; d--) {
      int64_t index = rest % t->shape[d];
      rest /= t->shape[d];
      offset += index * (t->strides ? t->strides[d] : step);
      step *= t->shape[d];
    }
    total += *(const double*)(base + offset * 8);
  }
  return total;
}

static napi_value sum(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  void* taken = NULL;
  int versioned = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) return fail(env, "sum(capsule)");
  if (ndinterop_capsule_take(env, argv[0], &taken, &versioned) != NDINTEROP_OK) {
    return fail(env, "sum(capsule) expects an unused DLPack capsule");
  }
  const DLTensor* t = versioned ? &((DLManagedTensorVersioned*)taken)->dl_tensor : &((DLManagedTensor*)taken)->dl_tensor;
  double total = 0;
  int is_f64 = t->dtype.code == kDLFloat && t->dtype.bits == 64 && t->dtype.lanes == 1 && t->device.device_type == kDLCPU;
  if (is_f64) total = sum_tensor(t);
  ndinterop_call_deleter(taken, versioned); /* we own it now: release it exactly once */
  if (!is_f64) return fail(env, "sum(capsule) expects a float64 CPU tensor");
  napi_value result;
  napi_create_double(env, total, &result);
  return result;
}

static napi_value freed(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result;
  napi_create_int64(env, __atomic_load_n(&freed_count, __ATOMIC_RELAXED), &result);
  return result;
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  napi_property_descriptor methods[] = {
      {"ramp", NULL, ramp, NULL, NULL, NULL, napi_default, NULL},
      {"sum", NULL, sum, NULL, NULL, NULL, napi_default, NULL},
      {"freed", NULL, freed, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof methods / sizeof methods[0], methods);
  return exports;
}
