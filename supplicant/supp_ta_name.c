/* SPDX-License-Identifier: BSD-2-Clause */
/* From the UUID in a LOAD_TA request to the file name of its image. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "supp_ta.h"
#include "util.h"

void supp_ta_uuid_from_value(uint64_t a, uint64_t b, uint8_t uuid[16])
{
	memcpy(uuid, &a, 8);
	memcpy(uuid + 8, &b, 8);
}

int supp_ta_path(const char *dir, const uint8_t uuid[16], char *buf,
		 size_t cap)
{
	char name[37];
	int n;

	if (!dir || !*dir)
		return -EINVAL;
	uuid_octets_to_str(uuid, name);
	n = snprintf(buf, cap, "%s/%s.ta", dir, name);
	if (n < 0 || (size_t)n >= cap)
		return -ENAMETOOLONG;
	return 0;
}
