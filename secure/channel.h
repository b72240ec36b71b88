/* SPDX-License-Identifier: BSD-2-Clause */
/* SMC channels: the listener and one thread per connected channel. */
#ifndef SOFTEE_SECURE_CHANNEL_H
#define SOFTEE_SECURE_CHANNEL_H

/* Start accepting channels at path in a background thread. 0 or -errno. */
int channel_listen_start(const char *path);
void channel_listen_stop(void);

#endif
