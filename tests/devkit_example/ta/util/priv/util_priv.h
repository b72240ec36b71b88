/* SPDX-License-Identifier: BSD-2-Clause */
/* Visible only to the files of ta/util (incdirs-y). */
#ifndef UTIL_PRIV_H
#define UTIL_PRIV_H

#define EXAMPLE_PRIV_MAGIC	90

#endif /* UTIL_PRIV_H */
