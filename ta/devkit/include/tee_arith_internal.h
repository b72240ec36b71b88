/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GP TEE Internal Core API v1.3.1, TEE Arithmetical API (big integers).
 *
 * A TEE_BigInt is an array of uint32_t the TA provides: declare it with
 * TEE_BigIntSizeInU32(bits) words (tee_api_defines.h) and pass that count
 * to TEE_BigIntInit. The same holds for TEE_BigIntFMM (with
 * TEE_BigIntFMMSizeInU32) and for the FMM context (with
 * TEE_BigIntFMMContextSizeInU32). Included by <tee_api.h> and
 * <tee_internal_api.h>; the __GP11_ forms are explained in tee_api.h.
 */
#ifndef TEE_ARITH_INTERNAL_H
#define TEE_ARITH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tee_api_types.h>

/* Sizes */
size_t TEE_BigIntFMMSizeInU32(size_t modulusSizeInBits);
uint32_t __GP11_TEE_BigIntFMMSizeInU32(uint32_t modulusSizeInBits);
size_t TEE_BigIntFMMContextSizeInU32(size_t modulusSizeInBits);
uint32_t __GP11_TEE_BigIntFMMContextSizeInU32(uint32_t modulusSizeInBits);

/* Initialization */
void TEE_BigIntInit(TEE_BigInt *bigInt, size_t len);
void __GP11_TEE_BigIntInit(TEE_BigInt *bigInt, uint32_t len);
void TEE_BigIntInitFMMContext(TEE_BigIntFMMContext *context, size_t len,
			      const TEE_BigInt *modulus);
void __GP11_TEE_BigIntInitFMMContext(TEE_BigIntFMMContext *context,
				     uint32_t len, const TEE_BigInt *modulus);
TEE_Result TEE_BigIntInitFMMContext1(TEE_BigIntFMMContext *context,
				     size_t len, const TEE_BigInt *modulus);
void TEE_BigIntInitFMM(TEE_BigIntFMM *bigIntFMM, size_t len);
void __GP11_TEE_BigIntInitFMM(TEE_BigIntFMM *bigIntFMM, uint32_t len);

/* Conversions */
TEE_Result TEE_BigIntConvertFromOctetString(TEE_BigInt *dest,
					    const uint8_t *buffer,
					    size_t bufferLen, int32_t sign);
TEE_Result __GP11_TEE_BigIntConvertFromOctetString(TEE_BigInt *dest,
						   const uint8_t *buffer,
						   uint32_t bufferLen,
						   int32_t sign);
TEE_Result TEE_BigIntConvertToOctetString(uint8_t *buffer, size_t *bufferLen,
					  const TEE_BigInt *bigInt);
TEE_Result __GP11_TEE_BigIntConvertToOctetString(uint8_t *buffer,
						 uint32_t *bufferLen,
						 const TEE_BigInt *bigInt);
void TEE_BigIntConvertFromS32(TEE_BigInt *dest, int32_t shortVal);
TEE_Result TEE_BigIntConvertToS32(int32_t *dest, const TEE_BigInt *src);

/* Logical operations */
int32_t TEE_BigIntCmp(const TEE_BigInt *op1, const TEE_BigInt *op2);
int32_t TEE_BigIntCmpS32(const TEE_BigInt *op, int32_t shortVal);
void TEE_BigIntShiftRight(TEE_BigInt *dest, const TEE_BigInt *op,
			  size_t bits);
bool TEE_BigIntGetBit(const TEE_BigInt *src, uint32_t bitIndex);
uint32_t TEE_BigIntGetBitCount(const TEE_BigInt *src);
TEE_Result TEE_BigIntSetBit(TEE_BigInt *op, uint32_t bitIndex, bool value);
TEE_Result TEE_BigIntAssign(TEE_BigInt *dest, const TEE_BigInt *src);
TEE_Result TEE_BigIntAbs(TEE_BigInt *dest, const TEE_BigInt *src);

/* Basic arithmetic */
void TEE_BigIntAdd(TEE_BigInt *dest, const TEE_BigInt *op1,
		   const TEE_BigInt *op2);
void TEE_BigIntSub(TEE_BigInt *dest, const TEE_BigInt *op1,
		   const TEE_BigInt *op2);
void TEE_BigIntNeg(TEE_BigInt *dest, const TEE_BigInt *op);
void TEE_BigIntMul(TEE_BigInt *dest, const TEE_BigInt *op1,
		   const TEE_BigInt *op2);
void TEE_BigIntSquare(TEE_BigInt *dest, const TEE_BigInt *op);
void TEE_BigIntDiv(TEE_BigInt *dest_q, TEE_BigInt *dest_r,
		   const TEE_BigInt *op1, const TEE_BigInt *op2);

/* Modular arithmetic */
void TEE_BigIntMod(TEE_BigInt *dest, const TEE_BigInt *op,
		   const TEE_BigInt *n);
void TEE_BigIntAddMod(TEE_BigInt *dest, const TEE_BigInt *op1,
		      const TEE_BigInt *op2, const TEE_BigInt *n);
void TEE_BigIntSubMod(TEE_BigInt *dest, const TEE_BigInt *op1,
		      const TEE_BigInt *op2, const TEE_BigInt *n);
void TEE_BigIntMulMod(TEE_BigInt *dest, const TEE_BigInt *op1,
		      const TEE_BigInt *op2, const TEE_BigInt *n);
void TEE_BigIntSquareMod(TEE_BigInt *dest, const TEE_BigInt *op,
			 const TEE_BigInt *n);
void TEE_BigIntInvMod(TEE_BigInt *dest, const TEE_BigInt *op,
		      const TEE_BigInt *n);
/* context may be NULL (GP 1.3.1). */
TEE_Result TEE_BigIntExpMod(TEE_BigInt *dest, const TEE_BigInt *op1,
			    const TEE_BigInt *op2, const TEE_BigInt *n,
			    const TEE_BigIntFMMContext *context);

/* Other arithmetic */
bool TEE_BigIntRelativePrime(const TEE_BigInt *op1, const TEE_BigInt *op2);
void TEE_BigIntComputeExtendedGcd(TEE_BigInt *gcd, TEE_BigInt *u,
				  TEE_BigInt *v, const TEE_BigInt *op1,
				  const TEE_BigInt *op2);
int32_t TEE_BigIntIsProbablePrime(const TEE_BigInt *op,
				  uint32_t confidenceLevel);

/* Fast modular multiplication */
void TEE_BigIntConvertToFMM(TEE_BigIntFMM *dest, const TEE_BigInt *src,
			    const TEE_BigInt *n,
			    const TEE_BigIntFMMContext *context);
void TEE_BigIntConvertFromFMM(TEE_BigInt *dest, const TEE_BigIntFMM *src,
			      const TEE_BigInt *n,
			      const TEE_BigIntFMMContext *context);
void TEE_BigIntComputeFMM(TEE_BigIntFMM *dest, const TEE_BigIntFMM *op1,
			  const TEE_BigIntFMM *op2, const TEE_BigInt *n,
			  const TEE_BigIntFMMContext *context);

#endif /* TEE_ARITH_INTERNAL_H */
