// The thin C layer under IPVSNetlink: a few IPVS-agnostic helpers over libnl-3 for the
// things Swift cannot do comfortably (reading errno right after a C call, the error
// callback's nlmsgerr layout, one send of a pre-built buffer). Every helper returns 0 or
// a count on success and a negative errno on failure; nothing here prints or exits.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <netlink/netlink.h>
#include <netlink/handlers.h>

/// Called once per finished request: `error` is 0 for a positive acknowledgement or the
/// end of a dump, and the kernel's errno (positive, unchanged) otherwise.
typedef void (*lvs_nl_completion_fn)(void *context, uint32_t sequence, int error);

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

/// Where completions go: the caller owns this and keeps it alive as long as the nl_cb.
struct lvs_nl_completion {
    lvs_nl_completion_fn function;
    void *context;
};

/// Routes acknowledgements, error acknowledgements and the ends of dumps received with
/// `cb` to `completion`, each with the sequence number of the request it answers.
void lvs_nl_cb_set_completion(struct nl_cb *cb, struct lvs_nl_completion *completion);

/// Makes receives through `cb` count the datagrams they read (libnl reads a multi-part
/// dump to its end inside one nl_recvmsgs and does not say in how many). A dump the kernel
/// produced in one pass, under its lock, arrives as at most two datagrams: its entries, then
/// NLMSG_DONE.
void lvs_nl_cb_count_datagrams(struct nl_cb *cb);

/// Datagrams received so far by this thread through callbacks set up with
/// lvs_nl_cb_count_datagrams; compare two readings.
unsigned long lvs_nl_datagrams_received(void);

/// setns(fd, CLONE_NEWNET): moves the calling thread into the network namespace `fd`
/// refers to (`--netns`). Here because Swift's Glibc module is built without _GNU_SOURCE,
/// so neither setns nor CLONE_NEWNET is visible from Swift. Returns 0 or a negative errno
/// (EINVAL: `fd` is not a network namespace; EPERM: no CAP_SYS_ADMIN).
int lvs_setns_net(int fd);
