/* SPDX-License-Identifier: BSD-2-Clause */
/* The Linux backend of the device layer: the real /dev/teeN. */
#ifndef SOFTEE_TEEDEV_LINUX_H
#define SOFTEE_TEEDEV_LINUX_H

#include <stdbool.h>

int teedev_linux_open(const char *path);
int teedev_linux_ioctl(int fd, unsigned long request, void *arg);

/* Parse "/dev/teeN" / "/dev/teeprivN"; 0, or -1 for any other path. */
int teedev_parse_dev_path(const char *path, unsigned int *index, bool *priv);

#endif /* SOFTEE_TEEDEV_LINUX_H */
