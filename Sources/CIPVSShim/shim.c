#define _GNU_SOURCE
#include "ipvs_shim.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <linux/netlink.h>
#include <netlink/genl/genl.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

int lvs_nl_connect(struct nl_sock *sk) {
    // libnl turns the errno of socket()/bind() into its own code (EACCES and EPERM both
    // read as NLE_PERM); errno itself is still intact right after the failed call.
    errno = 0;
    int err = genl_connect(sk);
    if (err >= 0) return 0;
    return errno ? -errno : -EIO;
}

int lvs_nl_set_option(struct nl_sock *sk, int option, int value) {
    // SOL_NETLINK options (NETLINK_CAP_ACK, NETLINK_EXT_ACK) have no libnl setter.
    if (setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, option, &value, sizeof value) < 0) return -errno;
    return 0;
}

int lvs_nl_get_socket_int(struct nl_sock *sk, int option) {
    // socklen_t in/out arguments are clumsy from Swift; one int is all we read.
    int value = 0;
    socklen_t length = sizeof value;
    if (getsockopt(nl_socket_get_fd(sk), SOL_SOCKET, option, &value, &length) < 0) return -errno;
    return value;
}

int lvs_nl_set_receive_timeout(struct nl_sock *sk, int milliseconds) {
    // struct timeval options have no libnl setter; a bound on recvmsg keeps a request
    // the kernel never answers from blocking the caller for ever.
    struct timeval timeout = {.tv_sec = milliseconds / 1000, .tv_usec = (milliseconds % 1000) * 1000};
    if (setsockopt(nl_socket_get_fd(sk), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) < 0) return -errno;
    return 0;
}

long lvs_nl_send_buffer(struct nl_sock *sk, const void *buffer, size_t length) {
    // libnl sends one nl_msg per call and maps errno to its own codes; a batch of
    // requests goes out as one datagram, which the kernel handles message by message.
    struct sockaddr_nl kernel;
    memset(&kernel, 0, sizeof kernel);
    kernel.nl_family = AF_NETLINK;
    ssize_t sent = sendto(nl_socket_get_fd(sk), buffer, length, 0, (struct sockaddr *)&kernel, sizeof kernel);
    return sent < 0 ? -errno : (long)sent;
}

long lvs_nl_receive(struct nl_sock *sk, void *buffer, size_t length) {
    // One recvmsg into the caller's buffer, no copy and no allocation per message (libnl's
    // nl_recvmsgs copies every message into an nl_msg of its own). MSG_TRUNC: a datagram
    // longer than `length` still returns its full length, so the caller can tell that it
    // was cut; the rest of it is gone, as with libnl (NLE_MSG_TRUNC).
    ssize_t received = recv(nl_socket_get_fd(sk), buffer, length, MSG_TRUNC);
    return received < 0 ? -errno : (long)received;
}

int lvs_setns_net(int fd) {
    return setns(fd, CLONE_NEWNET) == 0 ? 0 : -errno;
}
