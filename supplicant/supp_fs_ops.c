/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The FS sub-protocol's checks and file work (ABI.md 4.3). Every name is
 * resolved beneath the root directory fd with openat2 (no "..", no
 * symlinks, no absolute paths); handles index our own tables.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <tee_client_api.h>

#include "log.h"
#include "optee_rpc_cmd.h"
#include "supp_fs.h"

#define T_VIN	TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT
#define T_VOUT	TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT
#define T_MIN	TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT
#define T_MOUT	TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT

/*
 * A handle is (tag << 16) | (slot + 1), the tag counting up from a random
 * start: a stale handle (closed, or from before a restart of ours) finds
 * no slot instead of someone else's file. Kept below 2^31: OP-TEE keeps
 * handles in an int.
 */
#define SUPP_FS_TAG_MASK	0x7fffU

struct supp_fs_file {
	int fd;			/* -1: slot free */
	uint64_t handle;
	bool dirty;		/* written: sync before close */
};

struct supp_fs_dir {
	DIR *d;			/* NULL: slot free */
	uint64_t handle;
	bool pending;		/* name below not delivered yet */
	char name[NAME_MAX + 1];
};

static struct {
	pthread_mutex_t lock;
	int root_fd;
	char root[PATH_MAX];
	bool inited;
	uint32_t tag;
	struct supp_fs_file files[SUPP_FS_MAX_FILES];
	struct supp_fs_dir dirs[SUPP_FS_MAX_DIRS];
} fs = { .lock = PTHREAD_MUTEX_INITIALIZER, .root_fd = -1 };

/* One request being served: its params and how to reach its buffers. */
struct supp_fs_call {
	struct supp_req *req;
	supp_fs_memref_fn get;
	supp_fs_put_fn put;
	void *ctx;
};

static void supp_fs_init_tables(void)
{
	if (fs.inited)
		return;
	for (size_t i = 0; i < SUPP_FS_MAX_FILES; i++)
		fs.files[i].fd = -1;
	if (getrandom(&fs.tag, sizeof(fs.tag), GRND_NONBLOCK) < 0)
		fs.tag = (uint32_t)getpid();
	fs.inited = true;
}

/* A fresh handle for slot. fs locked. */
static uint64_t supp_fs_new_handle(size_t slot)
{
	fs.tag = (fs.tag + 1) & SUPP_FS_TAG_MASK;
	return (uint64_t)fs.tag << 16 | (slot + 1);
}

static int supp_fs_mkdir_p(const char *path)
{
	char tmp[PATH_MAX];
	size_t len = strlen(path);

	if (!len || len >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, path, len + 1);
	for (size_t i = 1; i <= len; i++) {
		if (tmp[i] != '/' && tmp[i] != '\0')
			continue;
		tmp[i] = '\0';
		if (mkdir(tmp, 0700) < 0 && errno != EEXIST)
			return -errno;
		tmp[i] = i == len ? '\0' : '/';
	}
	return 0;
}

/* Open the root once it exists. fs locked. */
static int supp_fs_root_fd(void)
{
	int fd, rc;

	if (fs.root_fd >= 0)
		return 0;
	if (!fs.root[0])
		return -ENOENT;
	rc = supp_fs_mkdir_p(fs.root);
	if (rc)
		return rc;
	fd = open(fs.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	fs.root_fd = fd;
	return 0;
}

int supp_fs_init(const char *root)
{
	int rc;

	pthread_mutex_lock(&fs.lock);
	supp_fs_init_tables();
	if (fs.root_fd >= 0) {
		close(fs.root_fd);
		fs.root_fd = -1;
	}
	if (strlen(root) >= sizeof(fs.root)) {
		pthread_mutex_unlock(&fs.lock);
		return -ENAMETOOLONG;
	}
	snprintf(fs.root, sizeof(fs.root), "%s", root);
	rc = supp_fs_root_fd();
	pthread_mutex_unlock(&fs.lock);
	return rc;
}

const char *supp_fs_root(void)
{
	return fs.root;
}

void supp_fs_reset(void)
{
	pthread_mutex_lock(&fs.lock);
	supp_fs_init_tables();
	for (size_t i = 0; i < SUPP_FS_MAX_FILES; i++) {
		if (fs.files[i].fd >= 0)
			close(fs.files[i].fd);
		fs.files[i].fd = -1;
	}
	for (size_t i = 0; i < SUPP_FS_MAX_DIRS; i++) {
		if (fs.dirs[i].d)
			closedir(fs.dirs[i].d);
		memset(&fs.dirs[i], 0, sizeof(fs.dirs[i]));
	}
	pthread_mutex_unlock(&fs.lock);
}

static bool supp_fs_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

int supp_fs_check_name(const void *buf, size_t size, char *out)
{
	const char *s = buf;
	const char *nul;
	size_t len, comps = 0, clen = 0;

	if (!buf || !size)
		return -EINVAL;
	nul = memchr(s, '\0', size);
	if (!nul)
		return -EINVAL;
	if (*s == '/')
		s++;
	len = (size_t)(nul - s);
	if (!len || len >= SUPP_FS_MAX_NAME)
		return -EINVAL;
	for (size_t i = 0; i <= len; i++) {
		char c = s[i];

		if (c != '/' && c != '\0') {
			if (!supp_fs_name_char(c) || ++clen > NAME_MAX)
				return -EINVAL;
			continue;
		}
		/* End of a component: not empty, not "." or "..". */
		if (!clen || (clen == 1 && s[i - 1] == '.') ||
		    (clen == 2 && s[i - 1] == '.' && s[i - 2] == '.') ||
		    ++comps > SUPP_FS_MAX_DEPTH)
			return -EINVAL;
		clen = 0;
	}
	memcpy(out, s, len + 1);
	return 0;
}

/* openat2 beneath dirfd, refusing symlinks and magic links. */
static int supp_fs_openat(int dirfd, const char *path, int flags, mode_t mode)
{
	struct open_how how = {
		.flags = (uint64_t)(flags | O_CLOEXEC),
		.mode = (flags & O_CREAT) ? mode : 0,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
			   RESOLVE_NO_MAGICLINKS,
	};
	long fd = syscall(SYS_openat2, dirfd, path, &how, sizeof(how));

	if (fd < 0 && errno == ENOSYS)
		fd = openat(dirfd, path, flags | O_CLOEXEC | O_NOFOLLOW, mode);
	return fd < 0 ? -errno : (int)fd;
}

/*
 * The directory holding name (opened beneath the root) and the last
 * component; with mkdirs, missing directories are made (mode 0700).
 */
static int supp_fs_parent(const char *name, bool mkdirs, int *dfd,
			  const char **base)
{
	char comp[NAME_MAX + 1];
	const char *p = name, *slash;
	int cur, next;

	cur = dup(fs.root_fd);
	if (cur < 0)
		return -errno;
	fcntl(cur, F_SETFD, FD_CLOEXEC);
	while ((slash = strchr(p, '/'))) {
		size_t l = (size_t)(slash - p);

		memcpy(comp, p, l);
		comp[l] = '\0';
		if (mkdirs && mkdirat(cur, comp, 0700) == 0)
			(void)fsync(cur);	/* the new entry must persist */
		next = supp_fs_openat(cur, comp, O_RDONLY | O_DIRECTORY, 0);
		close(cur);
		if (next < 0)
			return next;
		cur = next;
		p = slash + 1;
	}
	*dfd = cur;
	*base = p;
	return 0;
}

/* Remove the now empty directories above name, deepest first. */
static void supp_fs_prune(const char *name)
{
	char dir[SUPP_FS_MAX_NAME];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", name);
	while ((slash = strrchr(dir, '/'))) {
		const char *base;
		int dfd;

		*slash = '\0';
		if (supp_fs_parent(dir, false, &dfd, &base))
			return;
		if (unlinkat(dfd, base, AT_REMOVEDIR) < 0) {
			close(dfd);
			return;
		}
		(void)fsync(dfd);
		close(dfd);
	}
}

static uint32_t supp_fs_errno(int err)
{
	switch (err) {
	case ENOENT:
	case ENOTDIR:
		return TEEC_ERROR_ITEM_NOT_FOUND;
	case EEXIST:
	case ENOTEMPTY:
		return TEEC_ERROR_ACCESS_CONFLICT;
	case ENOSPC:
	case EDQUOT:
	case EFBIG:
		return TEEC_ERROR_STORAGE_NO_SPACE;
	case ENOMEM:
		return TEEC_ERROR_OUT_OF_MEMORY;
	case ELOOP:
	case EXDEV:
	case EINVAL:
	case ENAMETOOLONG:
		return TEEC_ERROR_BAD_PARAMETERS;
	default:
		return TEEC_ERROR_GENERIC;
	}
}

/* Exact parameter types, as tee-supplicant checks them. */
static bool supp_fs_types(const struct supp_req *req, uint32_t n,
			  uint32_t t0, uint32_t t1, uint32_t t2)
{
	const uint32_t want[3] = { t0, t1, t2 };

	if (req->num_params != n)
		return false;
	for (uint32_t i = 0; i < n; i++)
		if (req->params[i].attr != want[i])
			return false;
	return true;
}

/* A memref's bytes (never NULL), or BAD_PARAMETERS. */
static uint32_t supp_fs_buf(struct supp_fs_call *c, uint32_t idx, void **ptr,
			    size_t *size, void **ref)
{
	*ref = NULL;
	if (c->get(c->ctx, &c->req->params[idx], ptr, size, ref))
		return TEEC_ERROR_BAD_PARAMETERS;
	if (!*ptr) {
		c->put(c->ctx, *ref);
		*ref = NULL;
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	return TEEC_SUCCESS;
}

static uint32_t supp_fs_name(struct supp_fs_call *c, uint32_t idx,
			     char name[SUPP_FS_MAX_NAME])
{
	void *p, *ref;
	size_t size;
	uint32_t ret = supp_fs_buf(c, idx, &p, &size, &ref);

	if (ret)
		return ret;
	if (supp_fs_check_name(p, size, name)) {
		EMSG("fs: refused file name from the secure world");
		ret = TEEC_ERROR_BAD_PARAMETERS;
	}
	c->put(c->ctx, ref);
	return ret;
}

/* The open file a handle from the request names, or NULL. */
static struct supp_fs_file *supp_fs_file(uint64_t h)
{
	uint64_t slot = (h & 0xffff) - 1;

	if (!(h & 0xffff) || slot >= SUPP_FS_MAX_FILES ||
	    fs.files[slot].fd < 0 || fs.files[slot].handle != h)
		return NULL;
	return &fs.files[slot];
}

static uint32_t supp_fs_open(struct supp_fs_call *c, bool create)
{
	struct supp_req *req = c->req;
	char name[SUPP_FS_MAX_NAME];
	const char *base;
	struct stat st;
	uint32_t ret;
	size_t slot;
	int dfd, fd;

	if (!supp_fs_types(req, 3, T_VIN, T_MIN, T_VOUT))
		return TEEC_ERROR_BAD_PARAMETERS;
	ret = supp_fs_name(c, 1, name);
	if (ret)
		return ret;
	for (slot = 0; slot < SUPP_FS_MAX_FILES; slot++)
		if (fs.files[slot].fd < 0)
			break;
	if (slot == SUPP_FS_MAX_FILES)
		return TEEC_ERROR_OUT_OF_MEMORY;
	if (supp_fs_parent(name, create, &dfd, &base))
		return TEEC_ERROR_ITEM_NOT_FOUND;
	if (create) {
		fd = supp_fs_openat(dfd, base, O_RDWR | O_CREAT | O_TRUNC, 0600);
	} else {
		fd = supp_fs_openat(dfd, base, O_RDWR, 0);
		if (fd == -EACCES || fd == -EROFS)
			fd = supp_fs_openat(dfd, base, O_RDONLY, 0);
	}
	close(dfd);
	if (fd < 0)
		return supp_fs_errno(-fd);
	/* Regular files only: no devices, fifos or directories. */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	fs.files[slot].fd = fd;
	fs.files[slot].dirty = create;
	fs.files[slot].handle = supp_fs_new_handle(slot);
	req->params[2].a = fs.files[slot].handle;
	req->params[2].b = 0;
	req->params[2].c = 0;
	return TEEC_SUCCESS;
}

static uint32_t supp_fs_close(struct supp_fs_call *c)
{
	struct supp_fs_file *f;
	uint32_t ret = TEEC_SUCCESS;

	if (!supp_fs_types(c->req, 1, T_VIN, 0, 0))
		return TEEC_ERROR_BAD_PARAMETERS;
	f = supp_fs_file(c->req->params[0].b);
	if (!f)
		return TEEC_ERROR_BAD_PARAMETERS;
	/* Durable before the secure world commits to it. */
	if (f->dirty && fdatasync(f->fd) < 0)
		ret = supp_fs_errno(errno);
	close(f->fd);
	f->fd = -1;
	return ret;
}

static uint32_t supp_fs_read(struct supp_fs_call *c)
{
	struct supp_req *req = c->req;
	struct supp_fs_file *f;
	uint64_t off = req->params[0].c;
	size_t size, done = 0;
	void *buf, *ref;
	uint32_t ret;

	if (!supp_fs_types(req, 2, T_VIN, T_MOUT, 0))
		return TEEC_ERROR_BAD_PARAMETERS;
	f = supp_fs_file(req->params[0].b);
	if (!f)
		return TEEC_ERROR_BAD_PARAMETERS;
	ret = supp_fs_buf(c, 1, &buf, &size, &ref);
	if (ret)
		return ret;
	/* Past the largest file we write there is nothing to read. */
	while (done < size && off <= SUPP_FS_MAX_FILE_SIZE) {
		ssize_t n = pread(f->fd, (char *)buf + done, size - done,
				  (off_t)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = supp_fs_errno(errno);
			break;
		}
		if (!n)
			break;
		done += (size_t)n;
	}
	c->put(c->ctx, ref);
	if (!ret)
		req->params[1].b = done;
	return ret;
}

static uint32_t supp_fs_write(struct supp_fs_call *c)
{
	struct supp_req *req = c->req;
	struct supp_fs_file *f;
	uint64_t off = req->params[0].c, end;
	size_t size, done = 0;
	void *buf, *ref;
	uint32_t ret;

	if (!supp_fs_types(req, 2, T_VIN, T_MIN, 0))
		return TEEC_ERROR_BAD_PARAMETERS;
	f = supp_fs_file(req->params[0].b);
	if (!f)
		return TEEC_ERROR_BAD_PARAMETERS;
	ret = supp_fs_buf(c, 1, &buf, &size, &ref);
	if (ret)
		return ret;
	if (__builtin_add_overflow(off, (uint64_t)size, &end) ||
	    end > SUPP_FS_MAX_FILE_SIZE)
		ret = TEEC_ERROR_STORAGE_NO_SPACE;
	f->dirty = true;
	while (!ret && done < size) {
		ssize_t n = pwrite(f->fd, (const char *)buf + done, size - done,
				   (off_t)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			ret = supp_fs_errno(n < 0 ? errno : EIO);
		else
			done += (size_t)n;
	}
	c->put(c->ctx, ref);
	return ret;
}

static uint32_t supp_fs_truncate(struct supp_fs_call *c)
{
	struct supp_req *req = c->req;
	struct supp_fs_file *f;

	if (!supp_fs_types(req, 1, T_VIN, 0, 0))
		return TEEC_ERROR_BAD_PARAMETERS;
	f = supp_fs_file(req->params[0].b);
	if (!f)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (req->params[0].c > SUPP_FS_MAX_FILE_SIZE)
		return TEEC_ERROR_STORAGE_NO_SPACE;
	f->dirty = true;
	if (ftruncate(f->fd, (off_t)req->params[0].c) < 0)
		return supp_fs_errno(errno);
	return TEEC_SUCCESS;
}

static uint32_t supp_fs_remove(struct supp_fs_call *c)
{
	char name[SUPP_FS_MAX_NAME];
	const char *base;
	uint32_t ret;
	int dfd;

	if (!supp_fs_types(c->req, 2, T_VIN, T_MIN, 0))
		return TEEC_ERROR_BAD_PARAMETERS;
	ret = supp_fs_name(c, 1, name);
	if (ret)
		return ret;
	if (supp_fs_parent(name, false, &dfd, &base))
		return TEEC_ERROR_ITEM_NOT_FOUND;
	if (unlinkat(dfd, base, 0) < 0) {
		ret = supp_fs_errno(errno);
		close(dfd);
		return ret;
	}
	(void)fsync(dfd);
	close(dfd);
	supp_fs_prune(name);
	return TEEC_SUCCESS;
}

static uint32_t supp_fs_rename(struct supp_fs_call *c)
{
	char from[SUPP_FS_MAX_NAME], to[SUPP_FS_MAX_NAME];
	const char *fbase, *tbase;
	int fdfd, tdfd, rc;
	uint32_t ret;

	if (!supp_fs_types(c->req, 3, T_VIN, T_MIN, T_MIN))
		return TEEC_ERROR_BAD_PARAMETERS;
	ret = supp_fs_name(c, 1, from);
	if (!ret)
		ret = supp_fs_name(c, 2, to);
	if (ret)
		return ret;
	if (supp_fs_parent(from, false, &fdfd, &fbase))
		return TEEC_ERROR_ITEM_NOT_FOUND;
	if (supp_fs_parent(to, true, &tdfd, &tbase)) {
		close(fdfd);
		return TEEC_ERROR_ITEM_NOT_FOUND;
	}
	rc = renameat2(fdfd, fbase, tdfd, tbase,
		       c->req->params[0].b ? 0 : RENAME_NOREPLACE);
	if (rc < 0) {
		ret = supp_fs_errno(errno);
	} else {
		/* The commit point of secure storage: make it durable. */
		(void)fsync(tdfd);
		(void)fsync(fdfd);
	}
	close(fdfd);
	close(tdfd);
	return ret;
}

static uint32_t supp_fs_opendir(struct supp_fs_call *c)
{
	struct supp_req *req = c->req;
	char name[SUPP_FS_MAX_NAME];
	struct supp_fs_dir *sd = NULL;
	struct dirent *de;
	uint32_t ret;
	size_t slot;
	int fd;

	if (!supp_fs_types(req, 3, T_VIN, T_MIN, T_VOUT))
		return TEEC_ERROR_BAD_PARAMETERS;
	ret = supp_fs_name(c, 1, name);
	if (ret)
		return ret;
	for (slot = 0; slot < SUPP_FS_MAX_DIRS; slot++)
		if (!fs.dirs[slot].d)
			break;
	if (slot == SUPP_FS_MAX_DIRS)
		return TEEC_ERROR_OUT_OF_MEMORY;
	fd = supp_fs_openat(fs.root_fd, name, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return supp_fs_errno(-fd);
	sd = &fs.dirs[slot];
	sd->d = fdopendir(fd);
	if (!sd->d) {
		close(fd);
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	/* Like tee-supplicant: an empty directory is "not found". */
	while ((de = readdir(sd->d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			break;
	if (!de) {
		closedir(sd->d);
		memset(sd, 0, sizeof(*sd));
		return TEEC_ERROR_ITEM_NOT_FOUND;
	}
	snprintf(sd->name, sizeof(sd->name), "%s", de->d_name);
	sd->pending = true;
	sd->handle = supp_fs_new_handle(slot);
	req->params[2].a = sd->handle;
	req->params[2].b = 0;
	req->params[2].c = 0;
	return TEEC_SUCCESS;
}

static struct supp_fs_dir *supp_fs_dir(uint64_t h)
{
	uint64_t slot = (h & 0xffff) - 1;

	if (!(h & 0xffff) || slot >= SUPP_FS_MAX_DIRS || !fs.dirs[slot].d ||
	    fs.dirs[slot].handle != h)
		return NULL;
	return &fs.dirs[slot];
}

static uint32_t supp_fs_closedir(struct supp_fs_call *c)
{
	struct supp_fs_dir *sd;

	if (!supp_fs_types(c->req, 1, T_VIN, 0, 0))
		return TEEC_ERROR_BAD_PARAMETERS;
	sd = supp_fs_dir(c->req->params[0].b);
	if (!sd)
		return TEEC_ERROR_BAD_PARAMETERS;
	closedir(sd->d);
	memset(sd, 0, sizeof(*sd));
	return TEEC_SUCCESS;
}

static uint32_t supp_fs_readdir(struct supp_fs_call *c)
{
	struct supp_req *req = c->req;
	struct supp_fs_dir *sd;
	void *buf, *ref;
	size_t size, need;
	uint32_t ret;

	if (!supp_fs_types(req, 2, T_VIN, T_MOUT, 0))
		return TEEC_ERROR_BAD_PARAMETERS;
	sd = supp_fs_dir(req->params[0].b);
	if (!sd)
		return TEEC_ERROR_BAD_PARAMETERS;
	while (!sd->pending) {
		struct dirent *de = readdir(sd->d);

		if (!de)
			return TEEC_ERROR_ITEM_NOT_FOUND;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(sd->name, sizeof(sd->name), "%s", de->d_name);
		sd->pending = true;
	}
	ret = supp_fs_buf(c, 1, &buf, &size, &ref);
	if (ret)
		return ret;
	need = strlen(sd->name) + 1;
	if (need > size) {
		/* Kept for the next READDIR with a bigger buffer. */
		ret = TEEC_ERROR_SHORT_BUFFER;
	} else {
		memcpy(buf, sd->name, need);
		sd->pending = false;
	}
	c->put(c->ctx, ref);
	req->params[1].b = need;
	return ret;
}

uint32_t supp_fs_handle(struct supp_req *req, supp_fs_memref_fn get,
			supp_fs_put_fn put, void *ctx)
{
	struct supp_fs_call c = { .req = req, .get = get, .put = put,
				  .ctx = ctx };
	uint32_t ret;

	if (req->num_params < 1 ||
	    req->params[0].attr != TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT)
		return TEEC_ERROR_BAD_PARAMETERS;
	pthread_mutex_lock(&fs.lock);
	supp_fs_init_tables();
	if (supp_fs_root_fd()) {
		pthread_mutex_unlock(&fs.lock);
		EMSG("fs: storage root %s is not usable",
		     fs.root[0] ? fs.root : "(none)");
		return TEEC_ERROR_STORAGE_NOT_AVAILABLE;
	}
	switch (req->params[0].a) {
	case OPTEE_RPC_FS_OPEN:
		ret = supp_fs_open(&c, false);
		break;
	case OPTEE_RPC_FS_CREATE:
		ret = supp_fs_open(&c, true);
		break;
	case OPTEE_RPC_FS_CLOSE:
		ret = supp_fs_close(&c);
		break;
	case OPTEE_RPC_FS_READ:
		ret = supp_fs_read(&c);
		break;
	case OPTEE_RPC_FS_WRITE:
		ret = supp_fs_write(&c);
		break;
	case OPTEE_RPC_FS_TRUNCATE:
		ret = supp_fs_truncate(&c);
		break;
	case OPTEE_RPC_FS_REMOVE:
		ret = supp_fs_remove(&c);
		break;
	case OPTEE_RPC_FS_RENAME:
		ret = supp_fs_rename(&c);
		break;
	case OPTEE_RPC_FS_OPENDIR:
		ret = supp_fs_opendir(&c);
		break;
	case OPTEE_RPC_FS_CLOSEDIR:
		ret = supp_fs_closedir(&c);
		break;
	case OPTEE_RPC_FS_READDIR:
		ret = supp_fs_readdir(&c);
		break;
	default:
		ret = TEEC_ERROR_NOT_SUPPORTED;
		break;
	}
	pthread_mutex_unlock(&fs.lock);
	if (ret && ret != TEEC_ERROR_ITEM_NOT_FOUND)
		DMSG_LOG("fs: sub-command %llu: 0x%x",
			 (unsigned long long)req->params[0].a, ret);
	return ret;
}
