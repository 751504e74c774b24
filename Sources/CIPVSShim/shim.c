#define _GNU_SOURCE
#include "ipvs_shim.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <linux/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

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

static int on_ack(struct nl_msg *msg, void *arg) {
    struct lvs_nl_completion *completion = arg;
    completion->function(completion->context, nlmsg_hdr(msg)->nlmsg_seq, 0);
    return NL_OK;
}

static int on_error(struct sockaddr_nl *peer, struct nlmsgerr *error, void *arg) {
    // libnl would map error->error to NLE_* (ESRCH and ENOENT both NLE_OBJ_NOTFOUND);
    // the kernel's errno is passed on unchanged. error->msg is the request's header,
    // which carries the sequence number even with NETLINK_CAP_ACK.
    (void)peer;
    struct lvs_nl_completion *completion = arg;
    completion->function(completion->context, error->msg.nlmsg_seq, -error->error);
    return NL_SKIP;
}

static int on_done(struct nl_msg *msg, void *arg) {
    // A dump ends with NLMSG_DONE whose payload, when present, is the dump's own status
    // (0 or a negative errno); libnl does not look at it.
    struct lvs_nl_completion *completion = arg;
    struct nlmsghdr *header = nlmsg_hdr(msg);
    int status = 0;
    if (nlmsg_datalen(header) >= (int)sizeof status) memcpy(&status, nlmsg_data(header), sizeof status);
    completion->function(completion->context, header->nlmsg_seq, status < 0 ? -status : 0);
    return NL_SKIP;
}

void lvs_nl_cb_set_completion(struct nl_cb *cb, struct lvs_nl_completion *completion) {
    // Three libnl callbacks with three signatures become one (sequence, errno) event.
    nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, completion);
    nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, completion);
    nl_cb_err(cb, NL_CB_CUSTOM, on_error, completion);
}

// One counter per thread: the receive hook has no context argument, and a socket is used
// by one thread at a time.
static _Thread_local unsigned long datagrams_received;

static int counting_recv(struct nl_sock *sk, struct sockaddr_nl *peer, unsigned char **buffer, struct ucred **creds) {
    int received = nl_recv(sk, peer, buffer, creds);
    if (received > 0) datagrams_received++;
    return received;
}

void lvs_nl_cb_count_datagrams(struct nl_cb *cb) {
    nl_cb_overwrite_recv(cb, counting_recv);
}

unsigned long lvs_nl_datagrams_received(void) {
    return datagrams_received;
}

int lvs_setns_net(int fd) {
    return setns(fd, CLONE_NEWNET) == 0 ? 0 : -errno;
}
