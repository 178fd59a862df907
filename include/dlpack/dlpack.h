/*
 * dlpack.h — the DLPack tensor exchange ABI, version 1.3, written for
 * ndinterop from the published struct layouts and enum values.
 *
 * Binary compatible with every DLPack 1.x producer and consumer (and with the
 * legacy DLManagedTensor of 0.x). Usable from C99 and C++.
 *
 * Ownership in one paragraph: the producer owns `data`, `shape`, `strides`
 * and the managed struct itself. A consumer that takes a managed tensor must
 * call its `deleter` (when non-NULL) exactly once, from any thread, and must
 * not touch the struct afterwards; the deleter frees the struct too.
 */
#ifndef DLPACK_DLPACK_H_
#define DLPACK_DLPACK_H_

#include <stddef.h>
#include <stdint.h>

/* Version of the layout described here. A major bump changes the versioned
 * struct after `flags`; a minor bump only adds enum values or API. */
#define DLPACK_MAJOR_VERSION 1
#define DLPACK_MINOR_VERSION 3

#ifdef __cplusplus
#define DLPACK_EXTERN_C extern "C"
#else
#define DLPACK_EXTERN_C
#endif

#ifdef _WIN32
#ifdef DLPACK_EXPORTS
#define DLPACK_DLL __declspec(dllexport)
#else
#define DLPACK_DLL __declspec(dllimport)
#endif
#else
#define DLPACK_DLL
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The version a producer stamps into DLManagedTensorVersioned. */
typedef struct {
  uint32_t major; /* layout version: consumers refuse a major they do not know */
  uint32_t minor; /* additive changes only */
} DLPackVersion;

/* Where the memory lives. Values 5 and 6 are unassigned. */
#ifdef __cplusplus
typedef enum : int32_t {
#else
typedef enum {
#endif
  kDLCPU = 1,          /* ordinary host memory */
  kDLCUDA = 2,         /* CUDA device memory (was kDLGPU) */
  kDLCUDAHost = 3,     /* pinned host memory from cudaMallocHost (was kDLCPUPinned) */
  kDLOpenCL = 4,
  kDLVulkan = 7,
  kDLMetal = 8,
  kDLVPI = 9,
  kDLROCM = 10,
  kDLROCMHost = 11,    /* pinned host memory from hipMallocHost */
  kDLExtDev = 12,      /* reserved for extension devices */
  kDLCUDAManaged = 13, /* unified memory from cudaMallocManaged: host readable */
  kDLOneAPI = 14,
  kDLWebGPU = 15,
  kDLHexagon = 16,
  kDLMAIA = 17,
  kDLTrn = 18
} DLDeviceType;

typedef struct {
  DLDeviceType device_type;
  int32_t device_id; /* 0 for CPU, pinned and managed memory */
} DLDevice;

/* Type codes carried in DLDataType.code (a uint8_t, not this enum type). */
typedef enum {
  kDLInt = 0U,
  kDLUInt = 1U,
  kDLFloat = 2U,           /* IEEE 754 binary16/32/64 */
  kDLOpaqueHandle = 3U,    /* meaning agreed between producer and consumer */
  kDLBfloat = 4U,          /* bfloat16 */
  kDLComplex = 5U,         /* interleaved (re, im); bits count both halves */
  kDLBool = 6U,            /* one byte per element, 0 or 1 */
  kDLFloat8_e3m4 = 7U,
  kDLFloat8_e4m3 = 8U,
  kDLFloat8_e4m3b11fnuz = 9U,
  kDLFloat8_e4m3fn = 10U,
  kDLFloat8_e4m3fnuz = 11U,
  kDLFloat8_e5m2 = 12U,
  kDLFloat8_e5m2fnuz = 13U,
  kDLFloat8_e8m0fnu = 14U,
  kDLFloat6_e2m3fn = 15U,  /* bits must be 6 */
  kDLFloat6_e3m2fn = 16U,  /* bits must be 6 */
  kDLFloat4_e2m1fn = 17U   /* bits must be 4 */
} DLDataTypeCode;

/* Element type: itemsize in bytes is bits * lanes / 8. */
typedef struct {
  uint8_t code;   /* a DLDataTypeCode */
  uint8_t bits;   /* bits of one lane */
  uint16_t lanes; /* > 1 for vector elements; strides then count whole vectors */
} DLDataType;

/* A strided view; owns nothing. */
typedef struct {
  /* Opaque for non-host devices. May be NULL for size-0 tensors; consumers
   * must accept any value there and never dereference it. Element idx lives at
   * (char*)data + byte_offset + sum(idx[k] * strides[k]) * itemsize. */
  void* data;
  DLDevice device;
  int32_t ndim;
  DLDataType dtype;
  /* ndim entries; NULL only when ndim == 0. */
  int64_t* shape;
  /* ndim entries counted in elements (not bytes); may be negative or zero.
   * NULL means compact row-major for legacy tensors and versions below 1.2;
   * from 1.2 it is non-NULL whenever ndim != 0. */
  int64_t* strides;
  /* Bytes from `data` to element 0. Always add it. */
  uint64_t byte_offset;
} DLTensor;

/* Legacy (0.x) managed tensor, exchanged in capsules named "dltensor". */
typedef struct DLManagedTensor {
  DLTensor dl_tensor;
  void* manager_ctx; /* producer's private state; may be NULL */
  /* Called once by the consumer when done; frees everything including the
   * struct itself. May be NULL. May run on any thread. */
  void (*deleter)(struct DLManagedTensor* self);
} DLManagedTensor;

/* Flags of DLManagedTensorVersioned.flags (compare as uint64_t). */
#define DLPACK_FLAG_BITMASK_READ_ONLY (UINT64_C(1) << 0)
#define DLPACK_FLAG_BITMASK_IS_COPIED (UINT64_C(1) << 1)
#define DLPACK_FLAG_BITMASK_IS_SUBBYTE_TYPE_PADDED (UINT64_C(1) << 2)

/* DLPack 1.x managed tensor, exchanged in capsules named "dltensor_versioned".
 * Everything before `dl_tensor` is frozen across majors, so `version` and
 * `deleter` are readable even when the major is unknown. */
typedef struct DLManagedTensorVersioned {
  DLPackVersion version;
  void* manager_ctx;
  void (*deleter)(struct DLManagedTensorVersioned* self);
  uint64_t flags; /* DLPACK_FLAG_BITMASK_* */
  DLTensor dl_tensor;
} DLManagedTensorVersioned;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* DLPACK_DLPACK_H_ */
