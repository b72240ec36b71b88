// SPDX-License-Identifier: BSD-2-Clause
/* TEE_GenerateRandom from the kernel's CSPRNG. */
#include <errno.h>
#include <sys/random.h>
#include <tee_internal_api.h>

void TEE_GenerateRandom(void *randomBuffer, size_t randomBufferLen)
{
	unsigned char *p = randomBuffer;
	ssize_t n;

	while (randomBufferLen) {
		n = getrandom(p, randomBufferLen, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			TEE_Panic(TEE_ERROR_GENERIC);
		}
		p += n;
		randomBufferLen -= (size_t)n;
	}
}
