// The thin C layer under IPVSNetlink: a few IPVS-agnostic helpers over libnl-3 for the
// things Swift cannot do comfortably (reading errno right after a C call, one send of
// a pre-built buffer, one receive into our own buffer). Every helper returns 0 or
// a count on success and a negative errno on failure; nothing here prints or exits.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <netlink/netlink.h>

/// genl_connect, but a failure returns the system's errno instead of libnl's code.
int lvs_nl_connect(struct nl_sock *sk);

/// setsockopt(SOL_NETLINK, option, value): libnl has no setter for NETLINK_CAP_ACK.
int lvs_nl_set_option(struct nl_sock *sk, int option, int value);

/// getsockopt(SOL_SOCKET, option) of an int, e.g. the buffer size the kernel granted.
int lvs_nl_get_socket_int(struct nl_sock *sk, int option);

/// Sends `length` bytes holding any number of complete netlink messages to the kernel in
/// ONE system call. Returns the bytes sent or a negative errno.
long lvs_nl_send_buffer(struct nl_sock *sk, const void *buffer, size_t length);

/// Bounds how long a receive waits (SO_RCVTIMEO). Returns 0 or a negative errno.
int lvs_nl_set_receive_timeout(struct nl_sock *sk, int milliseconds);

/// Receives one datagram into `buffer` with ONE recvmsg. Returns the datagram's full
/// length, which is more than `length` when it did not fit (and was cut), or a negative
/// errno (EAGAIN/EWOULDBLOCK: the receive timeout passed; EINTR: a signal came first).
long lvs_nl_receive(struct nl_sock *sk, void *buffer, size_t length);

/// setns(fd, CLONE_NEWNET): moves the calling thread into the network namespace `fd`
/// refers to (`--netns`). Here because Swift's Glibc module is built without _GNU_SOURCE,
/// so neither setns nor CLONE_NEWNET is visible from Swift. Returns 0 or a negative errno
/// (EINVAL: `fd` is not a network namespace; EPERM: no CAP_SYS_ADMIN).
int lvs_setns_net(int fd);
