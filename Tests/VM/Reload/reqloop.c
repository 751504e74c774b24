/*
 * reqloop: the reload suite's client. Sends one HTTP request after another to one
 * address, at a steady rate, and writes one line per request:
 *
 *     STEP PHASE ok SERVER RETRANSMITS port=P ms=T   the answer came, 200, naming its
 *                                         server ("rs1"); RETRANSMITS: segments the
 *                                         client sent again
 *     STEP PHASE fail REASON port=P ms=T  refused, reset, timeout, bad answer...
 *
 * P is the client's port (to find the connection in the director's table), T how long
 * the request took.
 *
 * A request that succeeded only because the client sent its SYN (or its request) again
 * went through a packet drop: RETRANSMITS says so, as the timeout is long enough to
 * hide it.
 *
 * STEP and PHASE are the words in the phase file when the request started: the suite
 * writes them before and after each reload, so every request is counted in the step
 * (and the part of it) it belongs to. Runs until the phase file says "stop".
 *
 * A request is a new TCP connection, "GET / HTTP/1.0" and the answer read to its end,
 * all bounded by the timeout: a connection that hangs is a failure, not a stall.
 *
 *   usage: reqloop ADDRESS PORT INTERVAL_MS TIMEOUT_MS PHASEFILE
 *
 * A separate C program rather than busybox wget in a shell loop: a fork and exec per
 * request under emulation would cap the rate far below what the check needs, and the
 * rate would follow the machine's load instead of the interval.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long long ms) {
    if (ms <= 0) return;
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

/* The phase file's first line ("STEP PHASE"), or "" if it cannot be read. */
static void read_phase(const char *path, char *out, size_t size) {
    out[0] = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0) return;
    ssize_t n = read(fd, out, size - 1);
    close(fd);
    if (n <= 0) { out[0] = 0; return; }
    out[n] = 0;
    out[strcspn(out, "\n")] = 0;
}

/* Waits until fd is ready for EVENTS or the deadline passes: 1 ready, 0 timed out. */
static int wait_for(int fd, short events, long long deadline) {
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0) return 0;
        struct pollfd p = {fd, events, 0};
        int r = poll(&p, 1, (int)left);
        if (r > 0) return 1;
        if (r == 0) return 0;
        if (errno != EINTR) return 0;
    }
}

static const char *reason_of(int err) {
    switch (err) {
    case ECONNREFUSED: return "refused";
    case ECONNRESET: return "reset";
    case EHOSTUNREACH: return "unreachable";
    case ENETUNREACH: return "net-unreachable";
    case ETIMEDOUT: return "timed-out";
    default: return "error";
    }
}

/* One request; the verdict goes to RESULT ("ok rs1 0" or "fail connect-refused"), the
 * client's port to PORT. */
static void request(const struct sockaddr_in *to, int timeout_ms, char *result, size_t size, unsigned *port) {
    long long deadline = now_ms() + timeout_ms;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) { snprintf(result, size, "fail socket"); return; }
    if (connect(fd, (const struct sockaddr *)to, sizeof *to) != 0 && errno != EINPROGRESS) {
        snprintf(result, size, "fail connect-%s", reason_of(errno));
        close(fd);
        return;
    }
    struct sockaddr_in local;
    socklen_t local_len = sizeof local;
    if (getsockname(fd, (struct sockaddr *)&local, &local_len) == 0) *port = ntohs(local.sin_port);
    if (!wait_for(fd, POLLOUT, deadline)) {
        snprintf(result, size, "fail connect-timeout");
        close(fd);
        return;
    }
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) {
        snprintf(result, size, "fail connect-%s", reason_of(err));
        close(fd);
        return;
    }
    static const char get[] = "GET / HTTP/1.0\r\n\r\n";
    if (send(fd, get, sizeof get - 1, MSG_NOSIGNAL) != (ssize_t)(sizeof get - 1)) {
        snprintf(result, size, "fail send-%s", reason_of(errno));
        close(fd);
        return;
    }
    char answer[4096];
    size_t have = 0;
    for (;;) {
        if (!wait_for(fd, POLLIN, deadline)) {
            snprintf(result, size, "fail read-timeout");
            close(fd);
            return;
        }
        ssize_t n = recv(fd, answer + have, sizeof answer - 1 - have, 0);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) continue;
            snprintf(result, size, "fail read-%s", reason_of(errno));
            close(fd);
            return;
        }
        have += (size_t)n;
        if (have == sizeof answer - 1) break;
    }
    struct tcp_info info;
    socklen_t info_len = sizeof info;
    unsigned retransmits = 0;
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &info_len) == 0) retransmits = info.tcpi_total_retrans;
    close(fd);
    answer[have] = 0;
    /* The body is the server's name and a newline, after the blank line. */
    char *body = strstr(answer, "\r\n\r\n");
    if (strncmp(answer, "HTTP/1.", 7) != 0 || strstr(answer, " 200 ") == NULL || body == NULL) {
        snprintf(result, size, "fail bad-answer");
        return;
    }
    body += 4;
    body[strcspn(body, "\r\n")] = 0;
    if (body[0] == 0 || strchr(body, ' ') != NULL) {
        snprintf(result, size, "fail bad-body");
        return;
    }
    snprintf(result, size, "ok %s %u", body, retransmits);
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: reqloop ADDRESS PORT INTERVAL_MS TIMEOUT_MS PHASEFILE\n");
        return 2;
    }
    struct sockaddr_in to = {0};
    to.sin_family = AF_INET;
    to.sin_port = htons((unsigned short)atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &to.sin_addr) != 1) {
        fprintf(stderr, "reqloop: %s is no IPv4 address\n", argv[1]);
        return 2;
    }
    int interval = atoi(argv[3]), timeout = atoi(argv[4]);
    if (interval <= 0 || timeout <= 0) {
        fprintf(stderr, "reqloop: the interval and the timeout are milliseconds above 0\n");
        return 2;
    }
    char phase[128], result[160], line[320];
    /* Starts are spaced by the interval from a fixed origin, so a slow request is
     * followed at once by the next and the rate stays steady on average. */
    long long next = now_ms();
    for (;;) {
        read_phase(argv[5], phase, sizeof phase);
        if (strcmp(phase, "stop") == 0) return 0;
        long long start = now_ms();
        unsigned port = 0;
        request(&to, timeout, result, sizeof result, &port);
        int n = snprintf(line, sizeof line, "%s %s port=%u ms=%lld\n", phase[0] ? phase : "- -", result, port,
                         now_ms() - start);
        if (write(1, line, (size_t)n) != n) return 1;
        next += interval;
        long long late = now_ms() - next;
        if (late > 0) next += late;   /* no catching up in bursts after a stall */
        sleep_ms(next - now_ms());
    }
}
